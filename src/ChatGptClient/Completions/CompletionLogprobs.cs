namespace ChatGpt.Completions;

/// <summary>The log probabilities of a legacy completion's tokens.</summary>
public sealed class CompletionLogprobs
{
    /// <summary>The character offset of each token in the text.</summary>
    public IReadOnlyList<int>? TextOffset { get; set; }

    /// <summary>The log probability of each token (<see langword="null"/> for the first echoed token).</summary>
    public IReadOnlyList<double?>? TokenLogprobs { get; set; }

    /// <summary>The tokens.</summary>
    public IReadOnlyList<string>? Tokens { get; set; }

    /// <summary>The most likely tokens at each position, with their log probabilities.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, double>?>? TopLogprobs { get; set; }
}
