using System.Text.Json;

namespace ChatGpt.FineTuning;

/// <summary>The settings of reinforcement fine-tuning (<c>method.reinforcement</c>).</summary>
public sealed class ReinforcementMethod
{
    /// <summary>
    /// The grader that scores the model's answers, as the API's JSON (a <c>string_check</c>, <c>text_similarity</c>,
    /// <c>python</c>, <c>score_model</c> or <c>multi</c> grader object). Required.
    /// </summary>
    /// <remarks>Kept as JSON: graders are a large, fast-moving union; build one with <see cref="JsonDocument.Parse(string, JsonDocumentOptions)"/>.</remarks>
    public JsonElement Grader { get; set; }

    /// <summary>The hyperparameters; the API's defaults when <see langword="null"/>.</summary>
    public ReinforcementHyperparameters? Hyperparameters { get; set; }
}
