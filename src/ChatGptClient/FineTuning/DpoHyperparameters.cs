using System.Text.Json.Serialization;

namespace ChatGpt.FineTuning;

/// <summary>The hyperparameters of direct preference optimization; each is <c>auto</c> unless set.</summary>
public sealed class DpoHyperparameters
{
    /// <summary>Examples per batch (1 to 256).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public FineTuningParameter BatchSize { get; set; }

    /// <summary>How strongly the model is held to the reference (above 0, at most 2).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public FineTuningParameter Beta { get; set; }

    /// <summary>The scale of the learning rate (above 0).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public FineTuningParameter LearningRateMultiplier { get; set; }

    /// <summary>Passes over the training data (1 to 50).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public FineTuningParameter NEpochs { get; set; }
}
