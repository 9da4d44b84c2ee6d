using System.Globalization;
using ChatGpt.Http.Internal;
using ChatGpt.Resilience.Internal;

namespace ChatGpt.Diagnostics;

/// <summary>
/// The rate-limit state the server reported with a response (the <c>x-ratelimit-*</c> headers). Each value is
/// <see langword="null"/> when the server did not send it, as many OpenAI-compatible servers do not.
/// </summary>
public sealed class ChatGptRateLimitInfo
{
    /// <summary>No rate-limit headers.</summary>
    internal static readonly ChatGptRateLimitInfo None = new();

    /// <summary>The most requests allowed in the window (<c>x-ratelimit-limit-requests</c>).</summary>
    public long? LimitRequests { get; init; }

    /// <summary>The most tokens allowed in the window (<c>x-ratelimit-limit-tokens</c>).</summary>
    public long? LimitTokens { get; init; }

    /// <summary>The requests left in the window (<c>x-ratelimit-remaining-requests</c>).</summary>
    public long? RemainingRequests { get; init; }

    /// <summary>The tokens left in the window (<c>x-ratelimit-remaining-tokens</c>).</summary>
    public long? RemainingTokens { get; init; }

    /// <summary>The time until the request budget is full again (<c>x-ratelimit-reset-requests</c>, e.g. <c>1s</c> or <c>6m0s</c>).</summary>
    public TimeSpan? ResetRequests { get; init; }

    /// <summary>The time until the token budget is full again (<c>x-ratelimit-reset-tokens</c>).</summary>
    public TimeSpan? ResetTokens { get; init; }

    /// <summary>Whether the server sent any rate-limit header.</summary>
    public bool IsEmpty => LimitRequests is null && LimitTokens is null && RemainingRequests is null && RemainingTokens is null && ResetRequests is null && ResetTokens is null;

    /// <summary>Describes the rate-limit state.</summary>
    /// <returns>The values that are known.</returns>
    public override string ToString() => IsEmpty
        ? "no rate-limit headers"
        : string.Create(CultureInfo.InvariantCulture, $"requests {RemainingRequests?.ToString(CultureInfo.InvariantCulture) ?? "?"}/{LimitRequests?.ToString(CultureInfo.InvariantCulture) ?? "?"} (reset {ResetRequests?.ToString() ?? "?"}), tokens {RemainingTokens?.ToString(CultureInfo.InvariantCulture) ?? "?"}/{LimitTokens?.ToString(CultureInfo.InvariantCulture) ?? "?"} (reset {ResetTokens?.ToString() ?? "?"})");

    /// <summary>The public view of the rate-limit headers the client read once (<see cref="ResponseMetadata.RateLimits"/>).</summary>
    internal static ChatGptRateLimitInfo From(RateLimitSnapshot limits) => !limits.HasAny ? None : new ChatGptRateLimitInfo
    {
        LimitRequests = limits.LimitRequests,
        LimitTokens = limits.LimitTokens,
        RemainingRequests = limits.RemainingRequests,
        RemainingTokens = limits.RemainingTokens,
        ResetRequests = limits.ResetRequests,
        ResetTokens = limits.ResetTokens,
    };
}
