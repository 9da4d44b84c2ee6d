namespace ChatGpt.Resilience;

/// <summary>The configured client-side limits of one model (or budget group), in
/// <see cref="ChatGptResilienceOptions.ModelRateLimits"/>.</summary>
public sealed class ChatGptModelRateLimit
{
    /// <summary>Requests per minute of the model's budget.</summary>
    /// <value>Defaults to <see langword="null"/>: none configured (learned from the server's headers).</value>
    public int? RequestsPerMinute { get; set; }

    /// <summary>Tokens per minute of the model's budget.</summary>
    /// <value>Defaults to <see langword="null"/>: none configured (learned from the server's headers).</value>
    public int? TokensPerMinute { get; set; }
}
