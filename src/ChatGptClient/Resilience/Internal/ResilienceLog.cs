using Microsoft.Extensions.Logging;

namespace ChatGpt.Resilience.Internal;

/// <summary>The resilience pipeline's log messages. None carries the API key or any content.</summary>
internal static partial class ResilienceLog
{
    /// <summary>The logger category.</summary>
    public const string Category = "ChatGpt.Resilience";

    [LoggerMessage(EventId = 3001, EventName = "Retrying", Level = LogLevel.Warning,
        Message = "Retrying {Method} {Path}: attempt {Attempt} failed with {Failure}; next attempt in {DelayMs} ms (request id {RequestId}).")]
    public static partial void Retrying(ILogger logger, string method, string? path, int attempt, string failure, double delayMs, string? requestId);

    [LoggerMessage(EventId = 3002, EventName = "ServerWaitTooLong", Level = LogLevel.Warning,
        Message = "Not retrying {Method} {Path}: the server asked to wait {WaitMs} ms, more than the {LimitMs} ms allowed (request id {RequestId}).")]
    public static partial void ServerWaitTooLong(ILogger logger, string method, string? path, double waitMs, double limitMs, string? requestId);

    [LoggerMessage(EventId = 3003, EventName = "NoTimeLeftToRetry", Level = LogLevel.Warning,
        Message = "Not retrying {Method} {Path}: a wait of {DelayMs} ms would pass the total timeout (request id {RequestId}).")]
    public static partial void NoTimeLeftToRetry(ILogger logger, string method, string? path, double delayMs, string? requestId);

    [LoggerMessage(EventId = 3004, EventName = "RateLimiterRejected", Level = LogLevel.Warning,
        Message = "The client-side rate limiter rejected {Method} {Path}: {Reason}")]
    public static partial void RateLimiterRejected(ILogger logger, string method, string? path, string reason);

    [LoggerMessage(EventId = 3005, EventName = "RateLimitPaused", Level = LogLevel.Information,
        Message = "The server rate-limited the budget {Budget}; holding its calls for {DurationMs} ms.")]
    public static partial void RateLimitPaused(ILogger logger, string budget, double durationMs);

    [LoggerMessage(EventId = 3006, EventName = "NotReplayable", Level = LogLevel.Debug,
        Message = "Not retrying {Method} {Path}: its body cannot be sent twice.")]
    public static partial void NotReplayable(ILogger logger, string method, string? path);

    [LoggerMessage(EventId = 3007, EventName = "BudgetStoreFailed", Level = LogLevel.Warning,
        Message = "The rate budget store failed for {Budget}; the call passes unlimited.")]
    public static partial void BudgetStoreFailed(ILogger logger, string budget, Exception exception);

    [LoggerMessage(EventId = 3008, EventName = "BudgetLearned", Level = LogLevel.Debug,
        Message = "Learned the rate limits of {Budget}: {RequestLimit} requests, {TokenLimit} tokens per window.")]
    public static partial void BudgetLearned(ILogger logger, string budget, long? requestLimit, long? tokenLimit);

    [LoggerMessage(EventId = 3009, EventName = "RateLimiterWaited", Level = LogLevel.Debug,
        Message = "A call waited {WaitMs} ms for the rate budget {Budget}.")]
    public static partial void RateLimiterWaited(ILogger logger, string budget, double waitMs);
}
