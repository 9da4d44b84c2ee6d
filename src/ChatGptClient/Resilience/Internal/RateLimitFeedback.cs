using System.Net;
using ChatGpt.Http.Internal;

namespace ChatGpt.Resilience.Internal;

/// <summary>
/// Turns a response's <c>x-ratelimit-*</c> headers into the feedback a budget store learns from, bounded to what is
/// plausible, so that no single response (a typo in a proxy, a hostile server) can lock an account: a limit outside
/// [1, 10^12] is ignored, the remaining budget is clamped to [0, limit], and a reset longer than a day is ignored
/// rather than learned as a window (a per-day window is recognised only from resets of up to a day).
/// </summary>
internal static class RateLimitFeedback
{
    /// <summary>Beyond this a count is not a limit anyone sets.</summary>
    public const long MaxPlausibleCount = 1_000_000_000_000;

    /// <summary>A learned window longer than this is a per-day limit (RPD / TPD), not a per-minute one.</summary>
    private static readonly TimeSpan DailyThreshold = TimeSpan.FromMinutes(10);

    /// <summary>No window is longer than a day: a reset beyond it is not believed.</summary>
    private static readonly TimeSpan LongestReset = TimeSpan.FromDays(1);

    public static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>The bounded feedback of a response's headers (empty when it had none).</summary>
    public static ChatGptRateBudgetFeedback FromHeaders(in RateLimitSnapshot limits)
    {
        var requestLimit = Limit(limits.LimitRequests);
        var tokenLimit = Limit(limits.LimitTokens);
        var remainingRequests = Remaining(limits.RemainingRequests, requestLimit);
        var remainingTokens = Remaining(limits.RemainingTokens, tokenLimit);
        return new ChatGptRateBudgetFeedback
        {
            RequestLimit = requestLimit,
            RemainingRequests = remainingRequests,
            RequestWindow = Window(requestLimit, remainingRequests, limits.ResetRequests),
            TokenLimit = tokenLimit,
            RemainingTokens = remainingTokens,
            TokenWindow = Window(tokenLimit, remainingTokens, limits.ResetTokens),
        };
    }

    /// <summary>
    /// The feedback of one response: its bounded headers when it is the API's own answer (and learning is on), whether
    /// it reported no limits at all, and for a 429 the throttle and, when the budget is spent, the server's wait as a
    /// pause (capped at <see cref="ChatGptResilienceOptions.MaxDelay"/>, padded against early timers). Read from the one
    /// reading of the response (<see cref="ResponseMetadata"/>).
    /// </summary>
    public static ChatGptRateBudgetFeedback FromResponse(ResponseMetadata response, bool isProbe, ChatGptResilienceOptions options)
    {
        // The metadata's rate limits are already empty for an answer that is not the API's own (a redirect, a proxy's page).
        var fromApi = response.IsApiResponse;
        var learn = options.AdaptiveRateLimiting && fromApi;
        var limits = learn ? response.RateLimits : default;
        var feedback = limits.HasAny ? FromHeaders(limits) : default;
        var throttled = response.StatusCode == HttpStatusCode.TooManyRequests && fromApi;
        var pause = TimeSpan.Zero;
        if (throttled && IsBudgetExhausted(limits) && (response.RetryAfter ?? limits.SuggestedWait) is { } wait && wait > TimeSpan.Zero)
        {
            pause = (wait < options.MaxDelay ? wait : options.MaxDelay) + ChatGptResilienceDefaults.ServerWaitPadding;
        }

        return feedback with
        {
            NoLimitsReported = learn && !limits.HasAny && response.IsSuccess,
            Throttled = throttled,
            Pause = pause,
            ProbeEnded = isProbe,
        };
    }

    private static bool IsBudgetExhausted(in RateLimitSnapshot limits) =>
        (!limits.RemainingRequests.HasValue && !limits.RemainingTokens.HasValue) ||
        limits.RemainingRequests <= 0 || limits.RemainingTokens <= 0;

    /// <summary>A usage correction: the real cost (bounded to [0, int.MaxValue]) minus the estimate, in checked-safe
    /// long arithmetic.</summary>
    public static long TokenCorrection(long estimated, long actual) =>
        Math.Clamp(actual, 0, int.MaxValue) - Math.Clamp(estimated, 0, int.MaxValue);

    private static long? Limit(long? value) => value is >= 1 and <= MaxPlausibleCount ? value : null;

    private static long? Remaining(long? value, long? limit) =>
        value is not { } left || left < 0 ? null
        : limit is { } l ? Math.Min(left, l)
        : Math.Min(left, MaxPlausibleCount);

    /// <summary>The window of a limit: the used part (l - r) refills in <c>reset</c>, so at the limit's own pace the
    /// window is reset * l / (l - r). Only the order of magnitude is trusted, as the header is rounded.</summary>
    /// <remarks>
    /// The window is estimated as reset × limit / used, with the reset taken at the low end of what its text could mean
    /// (servers round it up: a few tokens used of a large budget read "1ms"). A reset that rounding could make zero says
    /// nothing, and the window stays a minute: mistaking a per-minute limit for a daily one would pace calls 1,440 times
    /// too slowly, while the opposite mistake is corrected by the server's own 429s.
    /// </remarks>
    private static TimeSpan Window(long? limit, long? remaining, TimeSpan? reset)
    {
        if (limit is { } l && remaining is { } r && r < l && reset is { } window && window > TimeSpan.Zero && window <= LongestReset)
        {
            var resolution = window < TimeSpan.FromSeconds(1) ? TimeSpan.FromMilliseconds(1) : TimeSpan.FromSeconds(1);
            var shortest = (window - resolution).TotalSeconds;
            var estimated = shortest * l / (l - r);
            return shortest > 0 && estimated > DailyThreshold.TotalSeconds ? Day : Minute;
        }

        return Minute;
    }
}
