namespace ChatGpt.Completions;

/// <summary>One choice of a <see cref="Completion"/>.</summary>
public sealed class CompletionChoice
{
    /// <summary>The generated text.</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>The index of the choice.</summary>
    public int Index { get; set; }

    /// <summary>Why generation stopped: <c>stop</c>, <c>length</c> or <c>content_filter</c>.</summary>
    public FinishReason? FinishReason { get; set; }

    /// <summary>The log probabilities, when requested.</summary>
    public CompletionLogprobs? Logprobs { get; set; }
}
