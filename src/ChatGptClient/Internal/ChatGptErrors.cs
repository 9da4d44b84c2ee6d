using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChatGpt.Resilience.Internal;

namespace ChatGpt.Internal;

/// <summary>Builds <see cref="ChatGptException"/>s from error responses, error events and unreadable bodies.</summary>
internal static class ChatGptErrors
{
    /// <summary>Error bodies are small; a larger one is cut so a misbehaving server cannot make us buffer megabytes.</summary>
    private const int MaxErrorBodyBytes = 64 * 1024;

    private const int MaxQuotedBodyChars = 512;

    public static async Task<ChatGptException> FromResponseAsync(HttpResponseMessage response, string? apiKey, CancellationToken cancellationToken)
    {
        byte[] body;
        try
        {
            body = await ReadLimitedAsync(response.Content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            body = [];
        }

        return FromBody(response.StatusCode, response.ReasonPhrase, response.Headers, body, apiKey);
    }

    public static ChatGptException FromBody(HttpStatusCode status, string? reasonPhrase, HttpResponseHeaders? headers, ReadOnlySpan<byte> body, string? apiKey)
    {
        var requestId = headers is null ? null : GetHeader(headers, "x-request-id");
        var retryAfter = headers is null ? null : ResponseHeaderParser.GetServerWait(status, headers, DateTimeOffset.UtcNow);
        var statusText = $"HTTP {(int)status} {reasonPhrase ?? status.ToString()}";

        if (TryReadError(body, out var error))
        {
            return Create(statusText, status, error, requestId, retryAfter, apiKey);
        }

        var message = body.IsEmpty
            ? $"The server answered {statusText} with an empty body."
            : $"The server answered {statusText}: {Quote(body)}";
        return new ChatGptException(Redact(AppendRequestId(message, requestId), apiKey), status, requestId: requestId, retryAfter: retryAfter);
    }

    /// <summary>An <c>error</c> object sent inside a stream, or a body that was an error instead of a result.</summary>
    public static ChatGptException FromErrorElement(JsonElement error, HttpStatusCode? status, string? requestId, string? apiKey)
    {
        var parsed = ParseError(error);
        return Create("an error event in the stream", status, parsed, requestId, null, apiKey);
    }

    public static ChatGptException MalformedBody(string what, HttpStatusCode status, string? requestId, Exception inner) =>
        new($"The server's {what} could not be read: {Describe(inner)}{(requestId is null ? string.Empty : $" (request id {requestId})")}", status, requestId: requestId, innerException: inner);

    public static ChatGptException StreamCut(int eventsReceived, string? requestId, Exception? inner) =>
        new($"The stream was cut before [DONE] after {eventsReceived} event(s){(inner is null ? string.Empty : $": {inner.Message}")}. The answer is incomplete.{(requestId is null ? string.Empty : $" (request id {requestId})")}", HttpStatusCode.OK, requestId: requestId, innerException: inner);

    public static ChatGptException Timeout(TimeSpan timeout, string what) =>
        new($"The request timed out: {what} took longer than {timeout}.", null, innerException: new TimeoutException($"{what} took longer than {timeout}."));

    public static string? GetHeader(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static ChatGptException Create(string source, HttpStatusCode? status, ParsedError error, string? requestId, TimeSpan? retryAfter, string? apiKey)
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

    /// <summary>The error's <c>type</c> and <c>code</c>, for retry decisions; (null, null) when the body is not an API error.</summary>
    internal static (string? Type, string? Code) ReadTypeAndCode(ReadOnlySpan<byte> body) =>
        TryReadError(body, out var error) ? (error.Type, error.Code) : (null, null);

    private static bool TryReadError(ReadOnlySpan<byte> body, out ParsedError error)
    {
        error = default;
        if (body.IsEmpty)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (root.TryGetProperty("error", out var inner))
            {
                error = ParseError(inner);
                return true;
            }

            // Compatible servers (FastAPI-based ones, proxies) put the fields at the top level; keep what they send.
            var message = AsText(root, "message") ?? AsText(root, "detail");
            var type = AsText(root, "type");
            var code = AsText(root, "code");
            if (message is not null || type is not null || code is not null)
            {
                error = new ParsedError(message, type, code, AsText(root, "param"));
                return true;
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static ParsedError ParseError(JsonElement error)
    {
        if (error.ValueKind == JsonValueKind.String)
        {
            return new ParsedError(error.GetString(), null, null, null);
        }

        if (error.ValueKind != JsonValueKind.Object)
        {
            return new ParsedError(error.GetRawText(), null, null, null);
        }

        return new ParsedError(AsText(error, "message"), AsText(error, "type"), AsText(error, "code"), AsText(error, "param"));
    }

    private static string? AsText(JsonElement obj, string name) =>
        !obj.TryGetProperty(name, out var value) ? null : value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };

    private static async Task<byte[]> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxErrorBodyBytes];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return buffer[..total];
        }
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

    private readonly record struct ParsedError(string? Message, string? Type, string? Code, string? Param);
}
