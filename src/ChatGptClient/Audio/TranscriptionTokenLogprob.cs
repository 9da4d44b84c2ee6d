namespace ChatGpt.Audio;

/// <summary>The log probability of one token of a transcript (<c>logprobs</c>).</summary>
public sealed class TranscriptionTokenLogprob
{
    /// <summary>The token (<c>token</c>).</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>Its log probability (<c>logprob</c>).</summary>
    public double Logprob { get; set; }

    /// <summary>Its UTF-8 bytes (<c>bytes</c>).</summary>
    public IReadOnlyList<int>? Bytes { get; set; }
}
