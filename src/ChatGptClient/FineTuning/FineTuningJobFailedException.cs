namespace ChatGpt.FineTuning;

/// <summary>A fine-tuning job ended <c>failed</c> (or <c>cancelled</c>, when asked to throw for it): its <c>error</c> as a typed exception.</summary>
public sealed class FineTuningJobFailedException : ChatGptException
{
    /// <summary>Creates the exception for a job that ended without a model.</summary>
    /// <param name="job">The job as last read.</param>
    public FineTuningJobFailedException(FineTuningJob job)
        : base(Describe(job), statusCode: null, errorType: null, errorCode: job?.Error?.Code, param: job?.Error?.Param)
    {
        Job = job!;
    }

    /// <summary>The job as last read.</summary>
    public FineTuningJob Job { get; }

    /// <summary>The job's error (code, message, param), or <see langword="null"/> when it was cancelled.</summary>
    public FineTuningJobError? Error => Job.Error;

    private static string Describe(FineTuningJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Status == FineTuningJobStatus.Cancelled)
        {
            return $"The fine-tuning job {job.Id} was cancelled.";
        }

        var error = job.Error;
        var reason = error?.Message is { Length: > 0 } message ? message : "no reason was given";
        var details = string.Join(", ", new[] { error?.Code is { } code ? $"code {code}" : null, error?.Param is { } param ? $"param {param}" : null }.OfType<string>());
        return $"The fine-tuning job {job.Id} failed: {reason}{(details.Length > 0 ? $" ({details})" : string.Empty)}";
    }
}
