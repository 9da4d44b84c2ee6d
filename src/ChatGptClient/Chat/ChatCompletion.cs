using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.Chat;

/// <summary>The answer of <c>POST /chat/completions</c>.</summary>
public sealed class ChatCompletion
{
    /// <summary>The id of the completion.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The object type, <c>chat.completion</c>.</summary>
    public string? Object { get; init; }

    /// <summary>When the completion was created.</summary>
    [JsonConverter(typeof(UnixTimestampJsonConverter))]
    public DateTimeOffset Created { get; init; }

    /// <summary>The model that answered.</summary>
    public string Model { get; init; } = string.Empty;

    /// <summary>The backend configuration that answered, to compare with <see cref="ChatCompletionRequest.Seed"/> runs.</summary>
    public string? SystemFingerprint { get; init; }

    /// <summary>The processing tier used.</summary>
    public string? ServiceTier { get; init; }

    /// <summary>The choices: one unless <see cref="ChatCompletionRequest.N"/> asked for more.</summary>
    [JsonRequired]
    public IReadOnlyList<ChatChoice> Choices { get; init; } = [];

    /// <summary>The tokens used.</summary>
    public CompletionUsage? Usage { get; init; }

    /// <summary>The metadata stored with the completion, if any.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>What the server sent with this completion: HTTP status, request id, processing time, rate limits and, if captured, the raw body.</summary>
    /// <value>Set by the client; <see langword="null"/> on objects built or deserialized elsewhere.</value>
    [JsonIgnore]
    public ChatGpt.Diagnostics.ChatGptResponseInfo? ResponseInfo { get; internal set; }

    /// <summary>The text of the first choice, or <see langword="null"/> when it has none (e.g. only tool calls).</summary>
    [JsonIgnore]
    public string? Content => Choices.Count > 0 ? Choices[0].Message?.Content : null;

    /// <summary>The refusal of the first choice, when the model declined to answer.</summary>
    [JsonIgnore]
    public string? Refusal => Choices.Count > 0 ? Choices[0].Message?.Refusal : null;

    /// <summary>The finish reason of the first choice.</summary>
    [JsonIgnore]
    public string? FinishReason => Choices.Count > 0 ? Choices[0].FinishReason : null;

    /// <summary>The tool calls of the first choice, empty when there are none.</summary>
    [JsonIgnore]
    public IReadOnlyList<ChatToolCall> ToolCalls => Choices.Count > 0 && Choices[0].Message?.ToolCalls is { } calls ? (IReadOnlyList<ChatToolCall>)calls : [];

    /// <summary>The text of the first choice.</summary>
    /// <returns><see cref="Content"/>, or an empty string.</returns>
    public override string ToString() => Content ?? string.Empty;
}
