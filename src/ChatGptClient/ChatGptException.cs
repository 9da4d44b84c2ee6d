using System.Net;

namespace ChatGpt;

/// <summary>
/// A call to the API failed: the server answered with an error status or an error event, or sent a body that could not
/// be read (malformed, truncated, or a stream cut before <c>[DONE]</c>).
/// </summary>
/// <remarks>The message comes from the API's error body when there is one; it never contains the API key.</remarks>
public class ChatGptException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ChatGptException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ChatGptException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception that describes an error answered by the server.</summary>
    /// <param name="message">The message, usually the API's <c>error.message</c>.</param>
    /// <param name="statusCode">The HTTP status, when there was a response.</param>
    /// <param name="errorType">The API's <c>error.type</c>.</param>
    /// <param name="errorCode">The API's <c>error.code</c>.</param>
    /// <param name="param">The API's <c>error.param</c>.</param>
    /// <param name="requestId">The <c>x-request-id</c> response header.</param>
    /// <param name="retryAfter">How long the server asked to wait before retrying.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ChatGptException(
        string message,
        HttpStatusCode? statusCode,
        string? errorType = null,
        string? errorCode = null,
        string? param = null,
        string? requestId = null,
        TimeSpan? retryAfter = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorType = errorType;
        ErrorCode = errorCode;
        Param = param;
        RequestId = requestId;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status of the response, or <see langword="null"/> when no response was received.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The API's <c>error.type</c>, e.g. <c>invalid_request_error</c>.</summary>
    public string? ErrorType { get; }

    /// <summary>The API's <c>error.code</c>, e.g. <c>rate_limit_exceeded</c> or <c>insufficient_quota</c>.</summary>
    public string? ErrorCode { get; }

    /// <summary>The API's <c>error.param</c>: the request parameter the error is about.</summary>
    public string? Param { get; }

    /// <summary>The <c>x-request-id</c> response header: quote it when asking OpenAI for support.</summary>
    public string? RequestId { get; }

    /// <summary>How long the server asked to wait before retrying (<c>retry-after-ms</c> or <c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; }
}
