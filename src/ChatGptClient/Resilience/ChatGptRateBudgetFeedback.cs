using System.Diagnostics.CodeAnalysis;

namespace ChatGpt.Resilience;

/// <summary>
/// What a response (or a call that ended) tells a rate budget, reported through
/// <see cref="IChatGptRateBudgetStore.ReportAsync"/>. Every member is optional; the client bounds each value before
/// reporting it (limits and remaining budgets between 0 and 10^12, remaining at most the limit, windows of one minute or
/// one day, pauses of at most one minute).
/// </summary>
[Experimental(ChatGptRateBudgetDiagnostics.ExperimentalId)]
public readonly record struct ChatGptRateBudgetFeedback
{
    /// <summary>The request limit the server reported (<c>x-ratelimit-limit-requests</c>), if any.</summary>
    public long? RequestLimit { get; init; }

    /// <summary>The window of <see cref="RequestLimit"/>: one minute, or one day for a per-day limit.</summary>
    public TimeSpan RequestWindow { get; init; }

    /// <summary>The requests left (<c>x-ratelimit-remaining-requests</c>), if reported.</summary>
    public long? RemainingRequests { get; init; }

    /// <summary>The token limit the server reported (<c>x-ratelimit-limit-tokens</c>), if any.</summary>
    public long? TokenLimit { get; init; }

    /// <summary>The window of <see cref="TokenLimit"/>: one minute, or one day for a per-day limit.</summary>
    public TimeSpan TokenWindow { get; init; }

    /// <summary>The tokens left (<c>x-ratelimit-remaining-tokens</c>), if reported.</summary>
    public long? RemainingTokens { get; init; }

    /// <summary>The API answered without any rate-limit header (many compatible servers do): with no configured limit
    /// the budget is unlimited for the learned lifetime.</summary>
    public bool NoLimitsReported { get; init; }

    /// <summary>Hold the whole budget this long (a 429 for the budget, with the server's wait); zero for none.</summary>
    public TimeSpan Pause { get; init; }

    /// <summary>The server answered 429: the burst allowance falls back to one second's worth and stops growing.</summary>
    public bool Throttled { get; init; }

    /// <summary>Requests to give back (negative) or charge (positive), e.g. -1 for a grant its caller abandoned.</summary>
    public int RequestCorrection { get; init; }

    /// <summary>Tokens to charge (positive: the call used more than estimated) or give back (negative); a store charges
    /// at most one whole limit.</summary>
    public long TokenCorrection { get; init; }

    /// <summary>The cold-start probe this process was granted is over (with or without limits learned).</summary>
    public bool ProbeEnded { get; init; }

    /// <summary>Whether the server reported any limit or remaining budget.</summary>
    public bool HasLimits =>
        RequestLimit.HasValue || TokenLimit.HasValue || RemainingRequests.HasValue || RemainingTokens.HasValue;
}
