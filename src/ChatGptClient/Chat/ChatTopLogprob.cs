namespace ChatGpt.Chat;

/// <summary>One of the most likely tokens at a position.</summary>
public sealed class ChatTopLogprob
{
    /// <summary>The token.</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>Its log probability.</summary>
    public double Logprob { get; set; }

    /// <summary>The UTF-8 bytes of the token.</summary>
    public IReadOnlyList<int>? Bytes { get; set; }
}
