namespace ChatGpt.FineTuning;

/// <summary>The hyperparameters a job used (<c>hyperparameters</c>): the values the API chose for those left <c>auto</c>, once known.</summary>
public sealed class FineTuningJobHyperparameters
{
    /// <summary>Examples per batch.</summary>
    public FineTuningParameter? BatchSize { get; set; }

    /// <summary>The scale of the learning rate.</summary>
    public FineTuningParameter? LearningRateMultiplier { get; set; }

    /// <summary>Passes over the training data.</summary>
    public FineTuningParameter? NEpochs { get; set; }
}
