namespace ChatGpt.Chat;

/// <summary>An output token with its log probability and the most likely alternatives.</summary>
public sealed class ChatTokenLogprob
{
    /// <summary>The token.</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>Its log probability (-9999 when very unlikely).</summary>
    public double Logprob { get; set; }

    /// <summary>The UTF-8 bytes of the token, for tokens that split characters.</summary>
    public IReadOnlyList<int>? Bytes { get; set; }

    /// <summary>The most likely tokens at this position.</summary>
    public IReadOnlyList<ChatTopLogprob> TopLogprobs { get; set; } = [];
}
