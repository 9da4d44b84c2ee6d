using Microsoft.Extensions.Logging;

namespace ChatGpt.Diagnostics.Internal;

/// <summary>
/// The client's log messages, source-generated so a disabled level costs nothing. Event ids 100-199 belong to the client
/// calls; they never change meaning once shipped, so users can filter on them.
/// </summary>
/// <remarks>A successful call logs nothing above Debug (its outcome, start, rate limits, first chunk, and the content
/// when <see cref="ChatGptOptions.LogContent"/> is on, are Debug), so a busy service's logs stay quiet. Error: a failed
/// call, once, with its exception (each retry before it is one Warning from the resilience pipeline, without one).</remarks>
internal static partial class ChatGptLog
{
    [LoggerMessage(EventId = 100, EventName = "RequestStarting", Level = LogLevel.Debug,
        Message = "Sending {Operation} request for model {Model} to {ServerAddress} (streaming: {IsStreaming})")]
    public static partial void RequestStarting(ILogger logger, string operation, string? model, string serverAddress, bool isStreaming);

    [LoggerMessage(EventId = 101, EventName = "RequestCompleted", Level = LogLevel.Debug,
        Message = "{Operation} {Model} completed: HTTP {StatusCode} in {DurationMs:0.0} ms, request id {RequestId}, response model {ResponseModel}, finish reason {FinishReason}, tokens {InputTokens} in / {OutputTokens} out")]
    public static partial void RequestCompleted(ILogger logger, string operation, string? model, int? statusCode, double durationMs, string? requestId, string? responseModel, string? finishReason, int? inputTokens, int? outputTokens);

    [LoggerMessage(EventId = 102, EventName = "StreamCompleted", Level = LogLevel.Debug,
        Message = "{Operation} {Model} stream completed: HTTP {StatusCode}, {ChunkCount} chunks, first after {TimeToFirstChunkMs:0.0} ms, {DurationMs:0.0} ms in all, request id {RequestId}, response model {ResponseModel}, finish reason {FinishReason}, tokens {InputTokens} in / {OutputTokens} out")]
    public static partial void StreamCompleted(ILogger logger, string operation, string? model, int? statusCode, int chunkCount, double? timeToFirstChunkMs, double durationMs, string? requestId, string? responseModel, string? finishReason, int? inputTokens, int? outputTokens);

    [LoggerMessage(EventId = 103, EventName = "RequestFailed", Level = LogLevel.Error,
        Message = "{Operation} {Model} failed after {DurationMs:0.0} ms: {ErrorType} (HTTP {StatusCode}, request id {RequestId})")]
    public static partial void RequestFailed(ILogger logger, string operation, string? model, double durationMs, string errorType, int? statusCode, string? requestId, Exception exception);

    [LoggerMessage(EventId = 104, EventName = "RequestCancelled", Level = LogLevel.Debug,
        Message = "{Operation} {Model} was cancelled by the caller after {DurationMs:0.0} ms")]
    public static partial void RequestCancelled(ILogger logger, string operation, string? model, double durationMs);

    [LoggerMessage(EventId = 105, EventName = "StreamAbandoned", Level = LogLevel.Debug,
        Message = "{Operation} {Model} stream was disposed by the caller after {ChunkCount} chunks and {DurationMs:0.0} ms, before it ended")]
    public static partial void StreamAbandoned(ILogger logger, string operation, string? model, int chunkCount, double durationMs);

    [LoggerMessage(EventId = 106, EventName = "FirstChunk", Level = LogLevel.Debug,
        Message = "{Operation} {Model} stream: first chunk after {TimeToFirstChunkMs:0.0} ms (request id {RequestId})")]
    public static partial void FirstChunk(ILogger logger, string operation, string? model, double timeToFirstChunkMs, string? requestId);

    [LoggerMessage(EventId = 107, EventName = "RateLimits", Level = LogLevel.Debug,
        Message = "Rate limits after request {RequestId}: {RemainingRequests}/{LimitRequests} requests left (reset in {ResetRequests}), {RemainingTokens}/{LimitTokens} tokens left (reset in {ResetTokens}); server processing {ProcessingMs} ms")]
    public static partial void RateLimits(ILogger logger, string? requestId, long? remainingRequests, long? limitRequests, TimeSpan? resetRequests, long? remainingTokens, long? limitTokens, TimeSpan? resetTokens, double? processingMs);

    [LoggerMessage(EventId = 108, EventName = "RequestContent", Level = LogLevel.Debug,
        Message = "{Operation} {Model} request content: {Content}")]
    public static partial void RequestContent(ILogger logger, string operation, string? model, string content);

    [LoggerMessage(EventId = 109, EventName = "ResponseContent", Level = LogLevel.Debug,
        Message = "{Operation} {Model} response content: {Content}")]
    public static partial void ResponseContent(ILogger logger, string operation, string? model, string content);
}
