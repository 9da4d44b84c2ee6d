using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.RateLimiting;

namespace ChatGpt.Resilience.Internal;

/// <summary>
/// The built-in <see cref="IChatGptRateLimiterProvider"/>: one <see cref="AdaptiveRateLimiter"/> per account for the
/// whole process, because the server counts every call of the account whichever client or container sent it.
/// </summary>
/// <remarks>Limiters are also kept apart per <see cref="TimeProvider"/>, so a test clock never shares state with the
/// real one.</remarks>
internal sealed class ChatGptRateLimiterProvider : IChatGptRateLimiterProvider
{
    private static readonly ConditionalWeakTable<TimeProvider, ConcurrentDictionary<ChatGptRateLimitKey, AdaptiveRateLimiter>> Shared = new();

    private readonly TimeProvider _timeProvider;

    public ChatGptRateLimiterProvider(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    public RateLimiter? GetRateLimiter(ChatGptRateLimitKey key, ChatGptResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.RateLimitingActive)
        {
            return null;
        }

        var limiters = Shared.GetValue(_timeProvider, static _ => new ConcurrentDictionary<ChatGptRateLimitKey, AdaptiveRateLimiter>());
        var created = false;
        var limiter = limiters.GetOrAdd(key, _ =>
        {
            created = true;
            return new AdaptiveRateLimiter(_timeProvider, options.RequestsPerMinute, options.TokensPerMinute, options.QueueLimit);
        });

        if (!created)
        {
            limiter.Tighten(options.RequestsPerMinute, options.TokensPerMinute, options.QueueLimit);
        }

        return limiter;
    }
}
