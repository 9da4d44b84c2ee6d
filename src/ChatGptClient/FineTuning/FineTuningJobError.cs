namespace ChatGpt.FineTuning;

/// <summary>Why a fine-tuning job failed (<c>error</c>).</summary>
public sealed class FineTuningJobError
{
    /// <summary>A machine-readable code, e.g. <c>invalid_training_file</c>.</summary>
    public string? Code { get; set; }

    /// <summary>What went wrong.</summary>
    public string? Message { get; set; }

    /// <summary>The parameter at fault (usually <c>training_file</c> or <c>validation_file</c>), or <see langword="null"/>.</summary>
    public string? Param { get; set; }
}
