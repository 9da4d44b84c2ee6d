using System.Threading.RateLimiting;

namespace ChatGpt.Resilience;

/// <summary>
/// Supplies the client-side rate limiter of an account. Replace the registration (a singleton) to share limits across
/// processes, e.g. with a Redis-backed <see cref="RateLimiter"/>, without touching the client.
/// </summary>
/// <remarks>
/// <para>Every attempt of a call acquires from the limiter with a permit count equal to the call's estimated token cost
/// (0 when tokens are not limited); each acquisition also stands for one request. A lease that is not acquired fails the
/// call with <see cref="ChatGptRateLimitRejectedException"/> carrying the lease's <see cref="MetadataName.RetryAfter"/>.</para>
/// <para>The built-in provider keeps one limiter per <see cref="ChatGptRateLimitKey"/> for the whole process, learns the
/// limits from the server's <c>x-ratelimit-*</c> headers and corrects token costs from <c>usage</c>; a replacement
/// limiter gets none of that feedback unless it does its own.</para>
/// </remarks>
public interface IChatGptRateLimiterProvider
{
    /// <summary>Returns the limiter shared by every call to the account, or <see langword="null"/> for no limit.</summary>
    /// <param name="key">The account.</param>
    /// <param name="options">The calling client's resilience options (configured limits, queue bound).</param>
    /// <returns>The limiter, or <see langword="null"/>.</returns>
    RateLimiter? GetRateLimiter(ChatGptRateLimitKey key, ChatGptResilienceOptions options);
}
