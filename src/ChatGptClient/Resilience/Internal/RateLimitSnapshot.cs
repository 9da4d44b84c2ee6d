namespace ChatGpt.Resilience.Internal;

/// <summary>The <c>x-ratelimit-*</c> headers of one response; a member is <see langword="null"/> when its header was
/// missing or malformed.</summary>
/// <param name="LimitRequests"><c>x-ratelimit-limit-requests</c>.</param>
/// <param name="LimitTokens"><c>x-ratelimit-limit-tokens</c>.</param>
/// <param name="RemainingRequests"><c>x-ratelimit-remaining-requests</c>.</param>
/// <param name="RemainingTokens"><c>x-ratelimit-remaining-tokens</c>.</param>
/// <param name="ResetRequests"><c>x-ratelimit-reset-requests</c>.</param>
/// <param name="ResetTokens"><c>x-ratelimit-reset-tokens</c>.</param>
internal readonly record struct RateLimitSnapshot(
    long? LimitRequests,
    long? LimitTokens,
    long? RemainingRequests,
    long? RemainingTokens,
    TimeSpan? ResetRequests,
    TimeSpan? ResetTokens)
{
    /// <summary>Whether any rate-limit header was present.</summary>
    public bool HasAny =>
        LimitRequests.HasValue || LimitTokens.HasValue || RemainingRequests.HasValue || RemainingTokens.HasValue ||
        ResetRequests.HasValue || ResetTokens.HasValue;

    /// <summary>Whether a budget is reported spent (remaining 0).</summary>
    public bool IsExhausted => RemainingRequests <= 0 || RemainingTokens <= 0;

    /// <summary>
    /// The wait the reset headers suggest after a 429: the reset of every exhausted budget (remaining 0), or of both
    /// budgets when none is reported exhausted (the request may simply not fit in what is left).
    /// </summary>
    public TimeSpan? SuggestedWait
    {
        get
        {
            TimeSpan? exhausted = null;
            if (RemainingRequests <= 0 && ResetRequests is { } requests)
            {
                exhausted = requests;
            }

            if (RemainingTokens <= 0 && ResetTokens is { } tokens)
            {
                exhausted = exhausted is { } e && e > tokens ? e : tokens;
            }

            if (exhausted.HasValue)
            {
                return exhausted;
            }

            return (ResetRequests, ResetTokens) switch
            {
                ({ } r, { } t) => r > t ? r : t,
                ({ } r, null) => r,
                (null, { } t) => t,
                _ => null,
            };
        }
    }
}
