namespace ChatGpt.FineTuning;

/// <summary>The metrics of a checkpoint's training step.</summary>
public sealed class FineTuningCheckpointMetrics
{
    /// <summary>The step.</summary>
    public double? Step { get; set; }

    /// <summary>The training loss.</summary>
    public double? TrainLoss { get; set; }

    /// <summary>The training mean token accuracy.</summary>
    public double? TrainMeanTokenAccuracy { get; set; }

    /// <summary>The validation loss.</summary>
    public double? ValidLoss { get; set; }

    /// <summary>The validation mean token accuracy.</summary>
    public double? ValidMeanTokenAccuracy { get; set; }

    /// <summary>The loss over the whole validation file.</summary>
    public double? FullValidLoss { get; set; }

    /// <summary>The mean token accuracy over the whole validation file.</summary>
    public double? FullValidMeanTokenAccuracy { get; set; }
}
