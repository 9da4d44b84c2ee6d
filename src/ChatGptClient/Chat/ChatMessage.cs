using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.Chat;

/// <summary>
/// A message of a chat conversation: sent in <see cref="ChatCompletionRequest.Messages"/> and received in
/// <see cref="ChatChoice.Message"/>, so an answer can be appended to the history as it is.
/// </summary>
/// <remarks>Create messages with the factories: <see cref="System"/>, <see cref="Developer"/>, <see cref="User(string, string?)"/>,
/// <see cref="Assistant(string, string?)"/> and <see cref="Tool"/>.</remarks>
public sealed class ChatMessage
{
    /// <summary>The author of the message.</summary>
    public ChatRole Role { get; set; }

    /// <summary>The text of the message, or <see langword="null"/> when it has <see cref="ContentParts"/> or only tool calls.</summary>
    [JsonIgnore]
    public string? Content { get; set; }

    /// <summary>The parts of a multi-part message (text, images, audio, files), sent instead of <see cref="Content"/> when set.</summary>
    [JsonIgnore]
    public IList<ChatContentPart>? ContentParts { get; set; }

    /// <summary>An optional name that tells participants of the same role apart.</summary>
    public string? Name { get; set; }

    /// <summary>The tool calls made by the model (assistant messages).</summary>
    public IList<ChatToolCall>? ToolCalls { get; set; }

    /// <summary>The id of the tool call this message answers (tool messages).</summary>
    public string? ToolCallId { get; set; }

    /// <summary>The model's refusal, when it declined to answer (assistant messages).</summary>
    public string? Refusal { get; set; }

    /// <summary>Audio of the answer, when audio output was requested (assistant messages).</summary>
    public ChatMessageAudio? Audio { get; set; }

    /// <summary>Annotations of the answer, such as URL citations from web search (assistant messages).</summary>
    public IList<ChatAnnotation>? Annotations { get; set; }

    /// <summary>The legacy function call (deprecated by the API in favour of <see cref="ToolCalls"/>).</summary>
    public ChatFunctionCall? FunctionCall { get; set; }

    /// <summary>The <c>content</c> field as it is on the wire: a string, an array of parts, or absent.</summary>
    [JsonInclude]
    [JsonPropertyName("content")]
    [JsonConverter(typeof(MessageContentJsonConverter))]
    internal MessageContent? WireContent
    {
        get => ContentParts is not null ? new MessageContent(null, ContentParts) : Content is not null ? new MessageContent(Content, null) : null;
        set
        {
            Content = value?.Text;
            ContentParts = value?.Parts;
        }
    }

    /// <summary>Creates a system message: instructions from the application.</summary>
    /// <param name="content">The instructions.</param>
    /// <returns>The message.</returns>
    public static ChatMessage System(string content) => new() { Role = ChatRole.System, Content = content };

    /// <summary>Creates a developer message: instructions that reasoning models follow like system messages.</summary>
    /// <param name="content">The instructions.</param>
    /// <returns>The message.</returns>
    public static ChatMessage Developer(string content) => new() { Role = ChatRole.Developer, Content = content };

    /// <summary>Creates a user message.</summary>
    /// <param name="content">The user's text.</param>
    /// <param name="name">An optional participant name.</param>
    /// <returns>The message.</returns>
    public static ChatMessage User(string content, string? name = null) => new() { Role = ChatRole.User, Content = content, Name = name };

    /// <summary>Creates a multi-part user message, e.g. text and images for vision models.</summary>
    /// <param name="parts">The parts.</param>
    /// <returns>The message.</returns>
    public static ChatMessage User(params IEnumerable<ChatContentPart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return new() { Role = ChatRole.User, ContentParts = [.. parts] };
    }

    /// <summary>Creates an assistant message, e.g. an earlier answer in the history.</summary>
    /// <param name="content">The answer's text.</param>
    /// <param name="name">An optional participant name.</param>
    /// <returns>The message.</returns>
    public static ChatMessage Assistant(string content, string? name = null) => new() { Role = ChatRole.Assistant, Content = content, Name = name };

    /// <summary>Creates an assistant message that made tool calls.</summary>
    /// <param name="toolCalls">The calls.</param>
    /// <returns>The message.</returns>
    public static ChatMessage Assistant(IEnumerable<ChatToolCall> toolCalls)
    {
        ArgumentNullException.ThrowIfNull(toolCalls);
        return new() { Role = ChatRole.Assistant, ToolCalls = [.. toolCalls] };
    }

    /// <summary>Creates a tool message: the result of a tool call, sent back to the model.</summary>
    /// <param name="toolCallId">The id of the call it answers.</param>
    /// <param name="content">The result, usually JSON text.</param>
    /// <returns>The message.</returns>
    public static ChatMessage Tool(string toolCallId, string content)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(toolCallId);
        return new() { Role = ChatRole.Tool, ToolCallId = toolCallId, Content = content };
    }

    /// <summary>Describes the message for debugging.</summary>
    /// <returns>The role and text.</returns>
    public override string ToString() => $"{Role}: {Content ?? (ContentParts is null ? string.Empty : $"[{ContentParts.Count} parts]")}";
}
