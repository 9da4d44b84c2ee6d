namespace ChatGpt.FineTuning;

/// <summary>Filters of <see cref="IChatGptFineTuningClient.ListJobsAsync(FineTuningJobListOptions?, CancellationToken)"/>.</summary>
public sealed class FineTuningJobListOptions
{
    /// <summary>How many jobs one page request asks for (<c>limit</c>); the API's default (20) when <see langword="null"/>.</summary>
    public int? PageSize { get; set; }

    /// <summary>Start after the job with this id (<c>after</c>).</summary>
    public string? After { get; set; }

    /// <summary>Only jobs whose metadata has these pairs (<c>metadata[key]=value</c>).</summary>
    public IDictionary<string, string>? Metadata { get; set; }
}
