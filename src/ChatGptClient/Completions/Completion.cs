using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.Completions;

/// <summary>The answer of the legacy <c>POST /completions</c> endpoint, or one event of its stream.</summary>
public sealed class Completion
{
    /// <summary>The id of the completion.</summary>
    [JsonConverter(typeof(RepeatedStringJsonConverter))]
    public string Id { get; set; } = string.Empty;

    /// <summary>The object type, <c>text_completion</c>.</summary>
    [JsonConverter(typeof(RepeatedStringJsonConverter))]
    public string? Object { get; set; }

    /// <summary>When the completion was created.</summary>
    [JsonConverter(typeof(UnixTimestampJsonConverter))]
    public DateTimeOffset Created { get; set; }

    /// <summary>The model that answered.</summary>
    [JsonConverter(typeof(RepeatedStringJsonConverter))]
    public string Model { get; set; } = string.Empty;

    /// <summary>The backend configuration that answered.</summary>
    [JsonConverter(typeof(RepeatedStringJsonConverter))]
    public string? SystemFingerprint { get; set; }

    /// <summary>The choices (in a stream, the text generated since the previous event).</summary>
    public IReadOnlyList<CompletionChoice> Choices { get; set; } = [];

    /// <summary>The tokens used (in a stream, only in the last event and only when usage was requested).</summary>
    public CompletionUsage? Usage { get; set; }

    /// <summary>What the server sent with this completion or stream event: HTTP status, request id, processing time, rate limits and, if captured, the raw body.</summary>
    /// <value>Set by the client; <see langword="null"/> on objects built or deserialized elsewhere.</value>
    [JsonIgnore]
    public ChatGpt.Diagnostics.ChatGptResponseInfo? ResponseInfo { get; internal set; }

    /// <summary>The text of the first choice.</summary>
    [JsonIgnore]
    public string? Text => Choices.Count > 0 ? Choices[0].Text : null;

    /// <summary>An error the server sent inside the stream.</summary>
    [JsonInclude]
    internal System.Text.Json.JsonElement? Error { get; set; }

    /// <summary>The text of the first choice.</summary>
    /// <returns><see cref="Text"/>, or an empty string.</returns>
    public override string ToString() => Text ?? string.Empty;
}
