using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatGpt.Testing;

/// <summary>A request the emulator received, recorded for assertions (see <see cref="ChatGptEmulator.Requests"/>).</summary>
/// <remarks>The value of the <c>Authorization</c> header is never recorded: it shows as <c>[redacted]</c>.</remarks>
public sealed class EmulatedRequest
{
    private readonly byte[] _body;
    private string? _bodyText;
    private JsonNode? _json;
    private bool _jsonParsed;

    internal EmulatedRequest(string method, string path, string query, IReadOnlyDictionary<string, string> headers, byte[] body, DateTimeOffset receivedAt)
    {
        Method = method;
        Path = path;
        Query = query;
        Headers = headers;
        _body = body;
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

    /// <summary>The body as text (UTF-8), empty when there was none or when it was streamed (uploads are not recorded,
    /// so the record stays small).</summary>
    /// <remarks>Only the body's bytes are kept; the text and <see cref="Body"/> are made from them when first read.</remarks>
    public string BodyText => _bodyText ??= Encoding.UTF8.GetString(_body);

    /// <summary>The body parsed as JSON, or <see langword="null"/> when it was empty, streamed, or not valid JSON.</summary>
    public JsonNode? Body
    {
        get
        {
            if (!Volatile.Read(ref _jsonParsed))
            {
                JsonNode? parsed = null;
                if (_body.Length > 0)
                {
                    try
                    {
                        parsed = JsonNode.Parse(_body);
                    }
                    catch (JsonException)
                    {
                        parsed = null;
                    }
                }

                // Racing readers may parse twice; one result wins and is kept.
                Interlocked.CompareExchange(ref _json, parsed, null);
                Volatile.Write(ref _jsonParsed, true);
            }

            return _json;
        }
    }

    /// <summary>When the request arrived, by the emulator's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The body's <c>model</c>, when it is a string.</summary>
    public string? Model => Body is JsonObject o && o["model"] is JsonValue v && v.TryGetValue<string>(out var model) ? model : null;

    /// <summary>Whether the body asked for a stream (<c>"stream": true</c>).</summary>
    public bool IsStreaming => Body is JsonObject o && o["stream"] is JsonValue v && v.TryGetValue<bool>(out var stream) && stream;

    /// <summary>Whether the request carried an <c>Authorization</c> header.</summary>
    public bool HasAuthorization => Headers.ContainsKey("Authorization");

    /// <summary>The text of the last <c>user</c> message (chat; text parts joined with new lines) or the prompt (legacy
    /// completions, when it is one string); <see langword="null"/> when there is none.</summary>
    public string? LastUserText
    {
        get
        {
            if (Body is not JsonObject o)
            {
                return null;
            }

            if (o["messages"] is JsonArray messages)
            {
                for (var i = messages.Count - 1; i >= 0; i--)
                {
                    if (messages[i] is JsonObject message && message["role"] is JsonValue role && role.TryGetValue<string>(out var name) && name == "user")
                    {
                        return TextOf(message["content"]);
                    }
                }

                return null;
            }

            return o["prompt"] is JsonValue prompt && prompt.TryGetValue<string>(out var p) ? p : null;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Method} {Path}{Query}";

    private static string? TextOf(JsonNode? content)
    {
        if (content is JsonValue value)
        {
            return value.TryGetValue<string>(out var text) ? text : null;
        }

        if (content is not JsonArray parts)
        {
            return null;
        }

        var texts = parts.OfType<JsonObject>()
            .Where(part => part["type"] is JsonValue type && type.TryGetValue<string>(out var t) && t == "text")
            .Select(part => part["text"] is JsonValue text && text.TryGetValue<string>(out var s) ? s : null)
            .OfType<string>();
        return string.Join("\n", texts);
    }
}
