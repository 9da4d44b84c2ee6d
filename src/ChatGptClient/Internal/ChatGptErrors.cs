using System.Net;
using System.Text;
using System.Text.Json;
using ChatGpt.Http.Internal;

namespace ChatGpt.Internal;

/// <summary>Builds <see cref="ChatGptException"/>s from error responses, error events and unreadable bodies.</summary>
internal static class ChatGptErrors
{
    private const int MaxQuotedBodyChars = 512;

    /// <summary>The exception of an error response whose body <see cref="ResponseMetadata.ReadErrorBodyAsync"/> has read.</summary>
    public static ChatGptException FromResponse(ResponseMetadata response, string? apiKey)
    {
        var status = response.StatusCode;
        var requestId = response.RequestId;
        var retryAfter = response.ServerWait;
        var statusText = $"HTTP {(int)status} {response.ReasonPhrase ?? status.ToString()}";

        if (response.Error is { } error)
        {
            return Create(statusText, status, error, requestId, retryAfter, apiKey);
        }

        var body = response.ErrorBody.Span;
        var message = body.IsEmpty
            ? $"The server answered {statusText} with an empty body."
            : $"The server answered {statusText}: {Quote(body)}";
        return new ChatGptException(Redact(AppendRequestId(message, requestId), apiKey), status, requestId: requestId, retryAfter: retryAfter);
    }

    /// <summary>A 3xx answer: the API never redirects and the client does not follow (the prompt and the key would go to
    /// another origin). Names the target's origin only, never its path or user info.</summary>
    public static ChatGptException Redirect(ResponseMetadata response, Uri? requestUri)
    {
        var origin = response.RedirectOrigin(requestUri);
        var target = origin is null ? "without a usable Location" : $"to {origin}";
        return new ChatGptException(
            AppendRequestId($"The server answered HTTP {(int)response.StatusCode} {response.ReasonPhrase ?? response.StatusCode.ToString()}, a redirect {target}. The OpenAI API does not redirect and the client does not follow redirects (they would resend the prompt and the organization and project headers elsewhere): check ChatGptOptions.BaseAddress or the proxy in between.", response.RequestId),
            response.StatusCode,
            requestId: response.RequestId);
    }

    /// <summary>An <c>error</c> object sent inside a stream, or a body that was an error instead of a result.</summary>
    public static ChatGptException FromErrorElement(JsonElement error, HttpStatusCode? status, string? requestId, string? apiKey)
    {
        return Create("an error event in the stream", status, ApiError.FromElement(error), requestId, null, apiKey);
    }

    public static ChatGptException MalformedBody(string what, HttpStatusCode status, string? requestId, Exception inner) =>
        new($"The server's {what} could not be read: {Describe(inner)}{(requestId is null ? string.Empty : $" (request id {requestId})")}", status, requestId: requestId, innerException: inner);

    public static ChatGptException StreamCut(int eventsReceived, string? requestId, Exception? inner, string end = "[DONE]") =>
        new($"The stream was cut before {end} after {eventsReceived} event(s){(inner is null ? string.Empty : $": {inner.Message}")}. The answer is incomplete.{(requestId is null ? string.Empty : $" (request id {requestId})")}", HttpStatusCode.OK, requestId: requestId, innerException: inner);

    public static ChatGptException Timeout(TimeSpan timeout, string what) =>
        new($"The request timed out: {what} took longer than {timeout}.", null, innerException: new TimeoutException($"{what} took longer than {timeout}."));

    private static ChatGptException Create(string source, HttpStatusCode? status, ApiError error, string? requestId, TimeSpan? retryAfter, string? apiKey)
    {
        var builder = new StringBuilder(error.Message is { Length: > 0 } m ? m : $"The server reported an error ({source}).");
        var details = new List<string>(4);
        if (status is { } s)
        {
            details.Add($"HTTP {(int)s}");
        }

        if (error.Type is not null)
        {
            details.Add($"type {error.Type}");
        }

        if (error.Code is not null)
        {
            details.Add($"code {error.Code}");
        }

        if (error.Param is not null)
        {
            details.Add($"param {error.Param}");
        }

        if (requestId is not null)
        {
            details.Add($"request id {requestId}");
        }

        if (details.Count > 0)
        {
            builder.Append(" (").AppendJoin(", ", details).Append(')');
        }

        if (string.Equals(error.Code, "insufficient_quota", StringComparison.Ordinal))
        {
            builder.Append(" The account has no quota left: check the plan and billing details. Retrying will not help.");
        }

        return new ChatGptException(Redact(builder.ToString(), apiKey), status, error.Type, error.Code, error.Param, requestId, retryAfter);
    }

    private static string Quote(ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body.Length > MaxQuotedBodyChars * 4 ? body[..(MaxQuotedBodyChars * 4)] : body).Trim();
        return text.Length > MaxQuotedBodyChars ? string.Concat(text.AsSpan(0, MaxQuotedBodyChars), "…") : text;
    }

    private static string AppendRequestId(string message, string? requestId) => requestId is null ? message : $"{message} (request id {requestId})";

    /// <summary>JsonException messages quote the offending token, which can be megabytes long: keep them short.</summary>
    private static string Describe(Exception exception) =>
        exception.Message.Length <= MaxQuotedBodyChars ? exception.Message : string.Concat(exception.Message.AsSpan(0, MaxQuotedBodyChars / 2), " … ", exception.Message.AsSpan(exception.Message.Length - (MaxQuotedBodyChars / 2)));

    /// <summary>Some compatible servers echo the key they were given; it must never reach an exception message.</summary>
    internal static string Redact(string message, string? apiKey) =>
        string.IsNullOrEmpty(apiKey) || apiKey.Length < 4 ? message : message.Replace(apiKey, "[REDACTED]", StringComparison.Ordinal);
}
