namespace ChatGpt.Testing;

/// <summary>The rate budget of one model (or a group of models) in <see cref="ChatGptEmulator.ModelRateLimits"/>.</summary>
public sealed record EmulatorRateLimit
{
    /// <summary>Creates a budget.</summary>
    /// <param name="requestsPerMinute">The requests per minute (<c>x-ratelimit-limit-requests</c>); positive.</param>
    /// <param name="tokensPerMinute">The tokens per minute (<c>x-ratelimit-limit-tokens</c>); positive.</param>
    /// <exception cref="ArgumentOutOfRangeException">A limit is zero or negative.</exception>
    public EmulatorRateLimit(int requestsPerMinute, int tokensPerMinute)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestsPerMinute);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tokensPerMinute);
        RequestsPerMinute = requestsPerMinute;
        TokensPerMinute = tokensPerMinute;
    }

    /// <summary>The requests per minute (<c>x-ratelimit-limit-requests</c>).</summary>
    public int RequestsPerMinute { get; }

    /// <summary>The tokens per minute (<c>x-ratelimit-limit-tokens</c>).</summary>
    public int TokensPerMinute { get; }
}
