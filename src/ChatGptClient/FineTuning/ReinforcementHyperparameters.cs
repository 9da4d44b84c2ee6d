using System.Text.Json.Serialization;

namespace ChatGpt.FineTuning;

/// <summary>The hyperparameters of reinforcement fine-tuning; each is <c>auto</c> (or the API's default) unless set.</summary>
public sealed class ReinforcementHyperparameters
{
    /// <summary>Examples per batch (1 to 256).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public FineTuningParameter BatchSize { get; set; }

    /// <summary>The scale of the learning rate (above 0).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public FineTuningParameter LearningRateMultiplier { get; set; }

    /// <summary>Passes over the training data (1 to 50).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public FineTuningParameter NEpochs { get; set; }

    /// <summary>The reasoning effort: <c>default</c>, <c>low</c>, <c>medium</c> or <c>high</c>.</summary>
    public string? ReasoningEffort { get; set; }

    /// <summary>The compute spent exploring the search space (above 0, at most 10).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public FineTuningParameter ComputeMultiplier { get; set; }

    /// <summary>Training steps between evaluations (at least 1).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public FineTuningParameter EvalInterval { get; set; }

    /// <summary>Samples generated per evaluation (at least 1).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public FineTuningParameter EvalSamples { get; set; }
}
