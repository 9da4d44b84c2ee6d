using System.Text.Json.Serialization;
using ChatGpt.Serialization;
using ChatGpt.Streaming;

namespace ChatGpt.Chat;

/// <summary>One event of a streamed chat completion. Join chunks with <see cref="ChatCompletionAccumulator"/>.</summary>
public sealed class ChatCompletionChunk
{
    /// <summary>The id of the completion; the same in every chunk.</summary>
    [JsonConverter(typeof(RepeatedStringJsonConverter))]
    public string Id { get; set; } = string.Empty;

    /// <summary>The object type, <c>chat.completion.chunk</c>.</summary>
    [JsonConverter(typeof(RepeatedStringJsonConverter))]
    public string? Object { get; set; }

    /// <summary>When the completion was created; the same in every chunk.</summary>
    [JsonConverter(typeof(UnixTimestampJsonConverter))]
    public DateTimeOffset Created { get; set; }

    /// <summary>The model that answers.</summary>
    [JsonConverter(typeof(RepeatedStringJsonConverter))]
    public string Model { get; set; } = string.Empty;

    /// <summary>The backend configuration that answers.</summary>
    [JsonConverter(typeof(RepeatedStringJsonConverter))]
    public string? SystemFingerprint { get; set; }

    /// <summary>The processing tier used; known tiers are read without allocating.</summary>
    public ChatServiceTier? ServiceTier { get; set; }

    /// <summary>The deltas of the choices; empty in the last chunk that carries <see cref="Usage"/>.</summary>
    public IReadOnlyList<ChatChunkChoice> Choices { get; set; } = [];

    /// <summary>The tokens used by the whole request: only in the last chunk, and only when
    /// <see cref="ChatStreamOptions.IncludeUsage"/> was set.</summary>
    public CompletionUsage? Usage { get; set; }

    /// <summary>The moderation of the input and output, on the moderation chunk of a moderated completion.</summary>
    public ChatModeration? Moderation { get; set; }

    /// <summary>Random padding sent against side-channel attacks, when enabled.</summary>
    public string? Obfuscation { get; set; }

    /// <summary>What the server sent with this chunk (shared by the chunks of one stream): HTTP status, request id, processing time, rate limits and, if captured, this event's raw data.</summary>
    /// <value>Set by the client; <see langword="null"/> on objects built or deserialized elsewhere.</value>
    [JsonIgnore]
    public ChatGpt.Diagnostics.ChatGptResponseInfo? ResponseInfo { get; internal set; }

    /// <summary>The text added to the first choice by this chunk, or <see langword="null"/>.</summary>
    [JsonIgnore]
    public string? ContentDelta => Choices.Count > 0 ? Choices[0].Delta?.Content : null;

    /// <summary>An error the server sent inside the stream.</summary>
    [JsonInclude]
    internal System.Text.Json.JsonElement? Error { get; set; }
}
