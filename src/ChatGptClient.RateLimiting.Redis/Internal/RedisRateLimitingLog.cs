using Microsoft.Extensions.Logging;

namespace ChatGpt.RateLimiting.Redis.Internal;

/// <summary>The Redis store's log messages (event ids 3100s, beside the resilience pipeline's 3000s). None carries the
/// connection string, a password or the API key: budgets are named by their model group.</summary>
internal static partial class RedisRateLimitingLog
{
    public const string Category = "ChatGpt.RateLimiting.Redis";

    [LoggerMessage(EventId = 3101, EventName = "RedisBudgetStoreUnavailable", Level = LogLevel.Warning,
        Message = "The shared rate budget in Redis is unavailable ({Reason}); this process paces its calls with its local limiter, seeded with the last shared state, and tries Redis again every {RetryMs} ms. Calls do not fail because of it.")]
    public static partial void Unavailable(ILogger logger, string reason, double retryMs);

    [LoggerMessage(EventId = 3102, EventName = "RedisBudgetStoreRejoined", Level = LogLevel.Information,
        Message = "The shared rate budget in Redis is back after {DownMs} ms on the local limiter; this process shares its budgets again.")]
    public static partial void Rejoined(ILogger logger, double downMs);

    [LoggerMessage(EventId = 3103, EventName = "RedisBudgetLearned", Level = LogLevel.Information,
        Message = "Shared rate budget '{ModelGroup}': {RequestLimit} requests per {RequestWindowSeconds} s, {TokenLimit} tokens per {TokenWindowSeconds} s.")]
    public static partial void Learned(ILogger logger, string modelGroup, long? requestLimit, double requestWindowSeconds, long? tokenLimit, double tokenWindowSeconds);

    [LoggerMessage(EventId = 3104, EventName = "RedisBudgetSeeded", Level = LogLevel.Debug,
        Message = "Local rate budget '{ModelGroup}' seeded from the last shared state: {RequestLimit} requests, {TokenLimit} tokens per window.")]
    public static partial void Seeded(ILogger logger, string modelGroup, long? requestLimit, long? tokenLimit);
}
