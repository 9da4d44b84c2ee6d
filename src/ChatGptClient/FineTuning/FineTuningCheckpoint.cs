using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.FineTuning;

/// <summary>A checkpoint of a fine-tuning job (<c>fine_tuning.job.checkpoint</c>): a usable model saved at a training step.</summary>
public sealed class FineTuningCheckpoint
{
    /// <summary>The checkpoint id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The object type, <c>fine_tuning.job.checkpoint</c>.</summary>
    public string? Object { get; set; }

    /// <summary>When the checkpoint was made.</summary>
    [JsonConverter(typeof(UnixTimestampJsonConverter))]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The model name of the checkpoint, usable in chat requests.</summary>
    public string? FineTunedModelCheckpoint { get; set; }

    /// <summary>The training step.</summary>
    public int StepNumber { get; set; }

    /// <summary>The step's metrics.</summary>
    public FineTuningCheckpointMetrics? Metrics { get; set; }

    /// <summary>The job's id.</summary>
    public string? FineTuningJobId { get; set; }
}
