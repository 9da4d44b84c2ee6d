namespace ChatGpt.FineTuning.TrainingData;

/// <summary>What is wrong with a line (or the whole file) of a chat fine-tuning file.</summary>
public enum TrainingDataIssueKind
{
    /// <summary>The line is not a JSON object.</summary>
    InvalidJson,

    /// <summary>The example has no <c>messages</c> array (or it is empty).</summary>
    MissingMessages,

    /// <summary>A message's <c>role</c> is missing or not one the API trains on.</summary>
    UnknownRole,

    /// <summary>The example or a message has a key the API does not accept.</summary>
    UnknownKey,

    /// <summary>A message has no <c>content</c> (and no tool calls that stand in for it), or content of the wrong type.</summary>
    MissingContent,

    /// <summary>The example has no assistant message to learn from.</summary>
    NoAssistantMessage,

    /// <summary>The example has more tokens than the model's context length for training; it would be cut.</summary>
    TooLong,

    /// <summary>The file has fewer examples than the API's minimum (10).</summary>
    TooFewExamples,

    /// <summary>A value is out of its range, such as a message <c>weight</c> other than 0 or 1.</summary>
    InvalidValue,
}
