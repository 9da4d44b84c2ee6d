using System.Text.Json;
using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.FineTuning;

/// <summary>A fine-tuning job (<c>fine_tuning.job</c> object).</summary>
public sealed class FineTuningJob
{
    /// <summary>The job id (<c>ftjob-...</c>).</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The object type, <c>fine_tuning.job</c>.</summary>
    public string? Object { get; set; }

    /// <summary>When the job was created.</summary>
    [JsonConverter(typeof(UnixTimestampJsonConverter))]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Where the job is: validating files, queued, running, paused, succeeded, failed or cancelled.</summary>
    public FineTuningJobStatus Status { get; set; }

    /// <summary>The base model.</summary>
    public string? Model { get; set; }

    /// <summary>The name of the fine-tuned model, once the job has succeeded.</summary>
    public string? FineTunedModel { get; set; }

    /// <summary>Why the job failed, when it has.</summary>
    public FineTuningJobError? Error { get; set; }

    /// <summary>When the job finished, once it has.</summary>
    [JsonConverter(typeof(UnixTimestampJsonConverter))]
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>When the job is expected to finish, while it runs.</summary>
    [JsonConverter(typeof(UnixTimestampJsonConverter))]
    public DateTimeOffset? EstimatedFinish { get; set; }

    /// <summary>The hyperparameters used (the deprecated top-level field; see <see cref="Method"/>).</summary>
    public FineTuningJobHyperparameters? Hyperparameters { get; set; }

    /// <summary>The method and its hyperparameters.</summary>
    public FineTuningMethod? Method { get; set; }

    /// <summary>The organization that owns the job.</summary>
    public string? OrganizationId { get; set; }

    /// <summary>The ids of the result files (metrics as CSV), readable with the files client.</summary>
    public IList<string>? ResultFiles { get; set; }

    /// <summary>The tokens trained on (billable), once the job has finished.</summary>
    public long? TrainedTokens { get; set; }

    /// <summary>The training file's id.</summary>
    public string? TrainingFile { get; set; }

    /// <summary>The validation file's id.</summary>
    public string? ValidationFile { get; set; }

    /// <summary>The seed used.</summary>
    public long? Seed { get; set; }

    /// <summary>The metadata attached when the job was created.</summary>
    public IDictionary<string, string>? Metadata { get; set; }

    /// <summary>The integrations, as the API's JSON.</summary>
    public JsonElement? Integrations { get; set; }

    /// <summary>The job id and status.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Id} ({Status})";
}
