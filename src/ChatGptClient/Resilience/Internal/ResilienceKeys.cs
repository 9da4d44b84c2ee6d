using Polly;

namespace ChatGpt.Resilience.Internal;

/// <summary>What the strategies of one call tell each other through the <see cref="ResilienceContext"/>.</summary>
internal static class ResilienceKeys
{
    /// <summary>When the whole call must be over, as a <see cref="TimeProvider"/> UTC time.</summary>
    public static readonly ResiliencePropertyKey<DateTimeOffset> Deadline = new("ChatGpt.Deadline");

    /// <summary>The wait before the next attempt, decided together with whether to retry.</summary>
    public static readonly ResiliencePropertyKey<TimeSpan> NextDelay = new("ChatGpt.NextDelay");

    /// <summary>What the last attempt failed with, for the retry log.</summary>
    public static readonly ResiliencePropertyKey<string> LastFailure = new("ChatGpt.LastFailure");

    /// <summary>Why the rate limiter refused the call (Polly's exception does not carry the lease's reason).</summary>
    public static readonly ResiliencePropertyKey<string> RejectionReason = new("ChatGpt.RejectionReason");

    /// <summary>The call's estimated token cost, computed once for all its attempts.</summary>
    public static readonly ResiliencePropertyKey<int> TokenCost = new("ChatGpt.TokenCost");
}
