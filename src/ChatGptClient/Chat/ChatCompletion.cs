using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ChatGpt.Chat.Internal;
using ChatGpt.Serialization;

namespace ChatGpt.Chat;

/// <summary>The answer of <c>POST /chat/completions</c>.</summary>
public sealed class ChatCompletion
{
    /// <summary>The id of the completion.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The object type, <c>chat.completion</c>.</summary>
    [JsonConverter(typeof(RepeatedStringJsonConverter))]
    public string? Object { get; set; }

    /// <summary>When the completion was created.</summary>
    [JsonConverter(typeof(UnixTimestampJsonConverter))]
    public DateTimeOffset Created { get; set; }

    /// <summary>The model that answered.</summary>
    [JsonConverter(typeof(RepeatedStringJsonConverter))]
    public string Model { get; set; } = string.Empty;

    /// <summary>The backend configuration that answered, to compare with <see cref="ChatCompletionRequest.Seed"/> runs.</summary>
    [JsonConverter(typeof(RepeatedStringJsonConverter))]
    public string? SystemFingerprint { get; set; }

    /// <summary>The processing tier used.</summary>
    public ChatServiceTier? ServiceTier { get; set; }

    /// <summary>The choices: one unless <see cref="ChatCompletionRequest.N"/> asked for more.</summary>
    [JsonRequired]
    public IReadOnlyList<ChatChoice> Choices { get; set; } = [];

    /// <summary>The tokens used.</summary>
    public CompletionUsage? Usage { get; set; }

    /// <summary>The moderation of the input and output, when <see cref="ChatCompletionRequest.Moderation"/> was set.</summary>
    public ChatModeration? Moderation { get; set; }

    /// <summary>The metadata stored with the completion, if any.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; set; }

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
    public FinishReason? FinishReason => Choices.Count > 0 ? Choices[0].FinishReason : null;

    /// <summary>The tool calls of the first choice, empty when there are none.</summary>
    [JsonIgnore]
    public IReadOnlyList<ChatToolCall> ToolCalls => Choices.Count > 0 && Choices[0].Message?.ToolCalls is { } calls ? (IReadOnlyList<ChatToolCall>)calls : [];

    /// <summary>
    /// Reads the first choice's JSON answer as <typeparamref name="T"/>: the counterpart of
    /// <see cref="ChatResponseFormat.ForJsonSchema{T}(JsonTypeInfo{T}, string?, string?, bool)"/>. Trim- and AOT-safe.
    /// </summary>
    /// <typeparam name="T">The type of the answer.</typeparam>
    /// <param name="typeInfo">The type's metadata, the same as the response format was built from.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="ChatGptRefusalException">The model refused to answer (<see cref="Refusal"/> is set).</exception>
    /// <exception cref="ChatGptException">There is no content, or it is not valid JSON for <typeparamref name="T"/>
    /// (for example cut short by the token limit, <c>finish_reason</c> <c>length</c>).</exception>
    public T GetContent<T>(JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return StructuredOutput.Read(this, typeInfo);
    }

    /// <summary>Reads the first choice's JSON answer as <typeparamref name="T"/>, with metadata from reflection.</summary>
    /// <typeparam name="T">The type of the answer.</typeparam>
    /// <param name="options">The serializer options; web defaults (camelCase) when <see langword="null"/>.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="ChatGptRefusalException">The model refused to answer.</exception>
    /// <exception cref="ChatGptException">There is no content, or it is not valid JSON for <typeparamref name="T"/>.</exception>
    [RequiresUnreferencedCode("Reflection-based JSON metadata. Use the overload taking a JsonTypeInfo<T> from a source-generated context.")]
    [RequiresDynamicCode("Reflection-based JSON metadata. Use the overload taking a JsonTypeInfo<T> from a source-generated context.")]
    public T GetContent<T>(JsonSerializerOptions? options = null) => StructuredOutput.Read(this, StructuredOutput.ReflectionTypeInfo<T>(options));

    /// <summary>The text of the first choice.</summary>
    /// <returns><see cref="Content"/>, or an empty string.</returns>
    public override string ToString() => Content ?? string.Empty;
}
