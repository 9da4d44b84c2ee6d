using System.Text.Json.Nodes;

namespace ChatGpt.Testing;

/// <summary>A request the emulator received, recorded for assertions (see <see cref="ChatGptEmulator.Requests"/>).</summary>
/// <remarks>The value of the <c>Authorization</c> header is never recorded: it shows as <c>[redacted]</c>.</remarks>
public sealed class EmulatedRequest
{
    internal EmulatedRequest(string method, string path, string query, IReadOnlyDictionary<string, string> headers, string bodyText, JsonNode? body, DateTimeOffset receivedAt)
    {
        Method = method;
        Path = path;
        Query = query;
        Headers = headers;
        BodyText = bodyText;
        Body = body;
        ReceivedAt = receivedAt;
    }

    /// <summary>The HTTP method, e.g. <c>POST</c>.</summary>
    public string Method { get; }

    /// <summary>The path, e.g. <c>/v1/chat/completions</c>.</summary>
    public string Path { get; }

    /// <summary>The query string including the leading <c>?</c>, or empty.</summary>
    public string Query { get; }

    /// <summary>The request and content headers (case-insensitive names; several values joined with <c>, </c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body as text (UTF-8), empty when there was none.</summary>
    public string BodyText { get; }

    /// <summary>The body parsed as JSON, or <see langword="null"/> when it was empty or not valid JSON.</summary>
    public JsonNode? Body { get; }

    /// <summary>When the request arrived, by the emulator's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The body's <c>model</c>, when it is a string.</summary>
    public string? Model => Body is JsonObject o && o["model"] is JsonValue v && v.TryGetValue<string>(out var model) ? model : null;

    /// <summary>Whether the body asked for a stream (<c>"stream": true</c>).</summary>
    public bool IsStreaming => Body is JsonObject o && o["stream"] is JsonValue v && v.TryGetValue<bool>(out var stream) && stream;

    /// <summary>Whether the request carried an <c>Authorization</c> header.</summary>
    public bool HasAuthorization => Headers.ContainsKey("Authorization");

    /// <summary>The text of the last message (chat) or the prompt (legacy completions), when it is a plain string.</summary>
    public string? LastUserText
    {
        get
        {
            if (Body is not JsonObject o)
            {
                return null;
            }

            if (o["messages"] is JsonArray messages && messages.Count > 0 && messages[^1] is JsonObject last && last["content"] is JsonValue content && content.TryGetValue<string>(out var text))
            {
                return text;
            }

            return o["prompt"] is JsonValue prompt && prompt.TryGetValue<string>(out var p) ? p : null;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Method} {Path}{Query}";
}
