using System.Net;
using ChatGpt.Testing.Internal;

namespace ChatGpt.Testing;

/// <summary>
/// A scripted answer for <see cref="ChatGptEmulator.Enqueue(EmulatorResponse[])"/> and
/// <see cref="ChatGptEmulator.When(Func{EmulatedRequest, bool}, EmulatorResponse, int?)"/>: a chosen reply, an API error,
/// or a fault of the transport. Instances are immutable; the <c>With…</c> methods return changed copies.
/// </summary>
/// <remarks>
/// Content replies (<see cref="Generated"/>, <see cref="Text"/>, <see cref="ToolCall"/>) still go through validation and
/// the emulator's rate limits, and are shaped like the request asks (stream or not, <c>n</c>, <c>max_tokens</c>,
/// <c>stop</c>). Errors and raw bodies (<see cref="Error"/>, <see cref="RateLimited"/>, <see cref="ServerError"/>,
/// <see cref="MalformedJson"/>, <see cref="Raw"/>) are sent as they are, whatever the request.
/// </remarks>
public sealed class EmulatorResponse
{
    private EmulatorResponse(EmulatorResponseKind kind)
    {
        Kind = kind;
    }

    private EmulatorResponse(EmulatorResponse other)
    {
        Kind = other.Kind;
        Content = other.Content;
        FinishReason = other.FinishReason;
        ToolName = other.ToolName;
        ToolArguments = other.ToolArguments;
        StatusCode = other.StatusCode;
        ErrorMessage = other.ErrorMessage;
        ErrorType = other.ErrorType;
        ErrorCode = other.ErrorCode;
        ErrorParam = other.ErrorParam;
        RawBody = other.RawBody;
        RawContentType = other.RawContentType;
        RetryAfter = other.RetryAfter;
        FirstByteDelay = other.FirstByteDelay;
        ChunkDelay = other.ChunkDelay;
        CutAfterChunks = other.CutAfterChunks;
        StreamErrorAfterChunks = other.StreamErrorAfterChunks;
        ExtraHeaders = other.ExtraHeaders;
        RemovedHeaders = other.RemovedHeaders;
    }

    internal EmulatorResponseKind Kind { get; }

    internal string? Content { get; private init; }

    internal string? FinishReason { get; private init; }

    internal string? ToolName { get; private init; }

    internal string? ToolArguments { get; private init; }

    internal int StatusCode { get; private init; } = 200;

    internal string? ErrorMessage { get; private init; }

    internal string? ErrorType { get; private init; }

    internal string? ErrorCode { get; private init; }

    internal string? ErrorParam { get; private init; }

    internal string? RawBody { get; private init; }

    internal string RawContentType { get; private init; } = "application/json";

    internal TimeSpan? RetryAfter { get; private init; }

    internal TimeSpan FirstByteDelay { get; private init; }

    internal TimeSpan? ChunkDelay { get; private init; }

    internal int? CutAfterChunks { get; private init; }

    internal int? StreamErrorAfterChunks { get; private init; }

    internal IReadOnlyList<KeyValuePair<string, string>> ExtraHeaders { get; private init; } = [];

    internal IReadOnlyList<string> RemovedHeaders { get; private init; } = [];

    /// <summary>The emulator's normal rule-based answer; combine with <see cref="WithFirstByteDelay"/>,
    /// <see cref="WithConnectionCut"/> and the other modifiers to fault an otherwise normal response.</summary>
    /// <returns>The response.</returns>
    public static EmulatorResponse Generated() => new(EmulatorResponseKind.Generated);

    /// <summary>Answers with the given assistant text (chat) or completion text (legacy), still cut by
    /// <c>max_tokens</c> and <c>stop</c> like a model's output would be.</summary>
    /// <param name="content">The text.</param>
    /// <param name="finishReason">The finish reason when neither <c>max_tokens</c> nor <c>stop</c> cut it.</param>
    /// <returns>The response.</returns>
    public static EmulatorResponse Text(string content, string finishReason = "stop")
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrEmpty(finishReason);
        return new(EmulatorResponseKind.Text) { Content = content, FinishReason = finishReason };
    }

    /// <summary>Answers a chat request with a call of the named function tool (<c>finish_reason</c> <c>tool_calls</c>).</summary>
    /// <param name="name">The function's name.</param>
    /// <param name="argumentsJson">The arguments, as the JSON text the model would write.</param>
    /// <returns>The response.</returns>
    public static EmulatorResponse ToolCall(string name, string argumentsJson = "{}")
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(argumentsJson);
        return new(EmulatorResponseKind.ToolCall) { ToolName = name, ToolArguments = argumentsJson };
    }

    /// <summary>Answers with an API error: <paramref name="statusCode"/> and the body
    /// <c>{"error":{"message","type","param","code"}}</c>.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="message">The <c>error.message</c>.</param>
    /// <param name="type">The <c>error.type</c>.</param>
    /// <param name="code">The <c>error.code</c>.</param>
    /// <param name="param">The <c>error.param</c>.</param>
    /// <returns>The response.</returns>
    public static EmulatorResponse Error(HttpStatusCode statusCode, string message, string type = "invalid_request_error", string? code = null, string? param = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(type);
        return new(EmulatorResponseKind.Error) { StatusCode = (int)statusCode, ErrorMessage = message, ErrorType = type, ErrorCode = code, ErrorParam = param };
    }

    /// <summary>A 429 like the API's when a rate limit is hit: <c>retry-after</c> (whole seconds, rounded up),
    /// <c>retry-after-ms</c>, <c>x-ratelimit-remaining-requests: 0</c> and <c>x-ratelimit-reset-requests</c>, and an error
    /// body with code <c>rate_limit_exceeded</c>.</summary>
    /// <param name="retryAfter">How long the client should wait; 1 second when not given.</param>
    /// <returns>The response. Use <see cref="WithoutHeader"/> to drop one of the hints.</returns>
    public static EmulatorResponse RateLimited(TimeSpan? retryAfter = null) =>
        new(EmulatorResponseKind.RateLimited)
        {
            StatusCode = 429,
            RetryAfter = retryAfter ?? TimeSpan.FromSeconds(1),
            ErrorType = "requests",
            ErrorCode = "rate_limit_exceeded",
        };

    /// <summary>A 429 with code <c>insufficient_quota</c> and no retry hint: the account is out of credit, retrying
    /// will not help.</summary>
    /// <returns>The response.</returns>
    public static EmulatorResponse InsufficientQuota() =>
        Error(
            HttpStatusCode.TooManyRequests,
            "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
            "insufficient_quota",
            "insufficient_quota");

    /// <summary>A server error: 500 <c>server_error</c>, 503 overloaded (JSON bodies like the API's), or any other 5xx;
    /// 502 answers an HTML page like the API's gateway does.</summary>
    /// <param name="statusCode">The status, 500 by default.</param>
    /// <returns>The response. Add <see cref="WithShouldRetry"/> for the <c>x-should-retry</c> header.</returns>
    public static EmulatorResponse ServerError(HttpStatusCode statusCode = HttpStatusCode.InternalServerError) => (int)statusCode switch
    {
        502 => Raw(statusCode, "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n", "text/html"),
        503 => Error(statusCode, "The engine is currently overloaded, please try again later.", "server_error"),
        504 => Error(statusCode, "Gateway timeout. The server took too long to respond.", "server_error", "gateway_timeout"),
        _ => Error(statusCode, "The server had an error while processing your request. Sorry about that!", "server_error"),
    };

    /// <summary>A 200 whose body is not valid JSON (a stream: one event's data is not valid JSON, then <c>[DONE]</c>).</summary>
    /// <returns>The response.</returns>
    public static EmulatorResponse MalformedJson() => new(EmulatorResponseKind.Malformed);

    /// <summary>A normal answer whose body stops halfway: the connection drops before the end of the JSON (a stream:
    /// inside the second event). Same as <c>Generated().WithConnectionCut(1)</c>.</summary>
    /// <returns>The response.</returns>
    public static EmulatorResponse TruncatedBody() => Generated().WithConnectionCut(1);

    /// <summary>Answers exactly this status, body and content type.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="body">The body text.</param>
    /// <param name="contentType">The media type.</param>
    /// <returns>The response.</returns>
    public static EmulatorResponse Raw(HttpStatusCode statusCode, string body, string contentType = "application/json")
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        return new(EmulatorResponseKind.Raw) { StatusCode = (int)statusCode, RawBody = body, RawContentType = contentType };
    }

    /// <summary>Waits before sending the status and headers (a slow first byte), by the emulator's <see cref="TimeProvider"/>.</summary>
    /// <param name="delay">The wait.</param>
    /// <returns>A changed copy.</returns>
    public EmulatorResponse WithFirstByteDelay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new(this) { FirstByteDelay = delay };
    }

    /// <summary>Waits between two stream events (a stalled stream), by the emulator's <see cref="TimeProvider"/>.</summary>
    /// <param name="delay">The wait.</param>
    /// <returns>A changed copy.</returns>
    public EmulatorResponse WithChunkDelay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new(this) { ChunkDelay = delay };
    }

    /// <summary>Drops the connection mid-body: a stream after <paramref name="afterChunks"/> whole events (inside the
    /// next one, before <c>[DONE]</c>); a JSON body halfway through.</summary>
    /// <param name="afterChunks">How many whole stream events are sent first.</param>
    /// <returns>A changed copy.</returns>
    public EmulatorResponse WithConnectionCut(int afterChunks = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterChunks);
        return new(this) { CutAfterChunks = afterChunks };
    }

    /// <summary>Ends a stream (status 200 already sent) with an error event after <paramref name="afterChunks"/> events,
    /// as the API does when a model fails mid-answer: <c>data: {"error":{"message":…,"type":"server_error",…}}</c>, then
    /// the connection closes cleanly without <c>[DONE]</c>. Requests that are not streamed are unaffected.</summary>
    /// <param name="afterChunks">How many normal events are sent first.</param>
    /// <returns>A changed copy.</returns>
    public EmulatorResponse WithStreamError(int afterChunks = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterChunks);
        return new(this) { StreamErrorAfterChunks = afterChunks };
    }

    /// <summary>Adds the <c>x-should-retry</c> header, the API's explicit hint whether a retry can succeed.</summary>
    /// <param name="shouldRetry">The hint.</param>
    /// <returns>A changed copy.</returns>
    public EmulatorResponse WithShouldRetry(bool shouldRetry) => WithHeader("x-should-retry", shouldRetry ? "true" : "false");

    /// <summary>Adds (or replaces) a response header.</summary>
    /// <param name="name">The header name.</param>
    /// <param name="value">The value.</param>
    /// <returns>A changed copy.</returns>
    public EmulatorResponse WithHeader(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        return new(this) { ExtraHeaders = [.. ExtraHeaders.Where(h => !h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)), new(name, value)] };
    }

    /// <summary>Removes a header the emulator would send (e.g. <c>retry-after-ms</c> of <see cref="RateLimited"/>).</summary>
    /// <param name="name">The header name.</param>
    /// <returns>A changed copy.</returns>
    public EmulatorResponse WithoutHeader(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new(this) { RemovedHeaders = [.. RemovedHeaders, name] };
    }

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        EmulatorResponseKind.Error or EmulatorResponseKind.RateLimited or EmulatorResponseKind.Raw => $"{Kind} {StatusCode}",
        _ => Kind.ToString(),
    };
}
