using ChatGpt.Chat;
using ChatGpt.Diagnostics;

namespace ChatGpt;

// The chat completion results: answers, their choices, and the chunks of a stream with their deltas.
public static partial class ChatGptModelFactory
{
    /// <summary>Builds the answer of <c>POST /chat/completions</c>.</summary>
    /// <param name="id">The completion id.</param>
    /// <param name="model">The model that answered.</param>
    /// <param name="created">When it was created (whole seconds, as on the wire).</param>
    /// <param name="choices">The choices; build them with <see cref="ChatChoice"/>. None when <see langword="null"/>.</param>
    /// <param name="usage">The tokens used; build it with <see cref="CompletionUsage"/>.</param>
    /// <param name="serviceTier">The processing tier used.</param>
    /// <param name="systemFingerprint">The backend configuration.</param>
    /// <param name="moderation">The moderation results.</param>
    /// <param name="metadata">The metadata stored with the completion.</param>
    /// <param name="responseInfo">What the server said besides the body; build it with <see cref="ChatGptResponseInfo"/>.</param>
    /// <returns>The completion.</returns>
    public static ChatCompletion ChatCompletion(
        string id = "chatcmpl-test",
        string model = "gpt-4o-mini",
        DateTimeOffset created = default,
        IEnumerable<ChatChoice>? choices = null,
        CompletionUsage? usage = null,
        ChatServiceTier? serviceTier = null,
        string? systemFingerprint = null,
        ChatModeration? moderation = null,
        IReadOnlyDictionary<string, string>? metadata = null,
        ChatGptResponseInfo? responseInfo = null) => new()
        {
            Id = id,
            Object = "chat.completion",
            Created = created,
            Model = model,
            Choices = choices is null ? [] : [.. choices],
            Usage = usage,
            ServiceTier = serviceTier,
            SystemFingerprint = systemFingerprint,
            Moderation = moderation,
            Metadata = metadata,
            ResponseInfo = responseInfo,
        };

    /// <summary>Builds one choice of a <see cref="Chat.ChatCompletion"/>.</summary>
    /// <param name="index">The index of the choice.</param>
    /// <param name="message">The message; an empty assistant message when <see langword="null"/>, as when parsed.
    /// Build it with <see cref="ChatMessage.Assistant(string, string?)"/> or <see cref="ChatMessage.Assistant(IEnumerable{ChatToolCall})"/>.</param>
    /// <param name="finishReason">Why generation stopped.</param>
    /// <param name="logprobs">The log probabilities.</param>
    /// <returns>The choice.</returns>
    public static ChatChoice ChatChoice(int index = 0, ChatMessage? message = null, FinishReason? finishReason = null, ChatChoiceLogprobs? logprobs = null)
    {
        var choice = new ChatChoice { Index = index, FinishReason = finishReason, Logprobs = logprobs };
        if (message is not null)
        {
            choice.Message = message;
        }

        return choice;
    }

    /// <summary>Builds one event of a streamed chat completion.</summary>
    /// <param name="id">The completion id, the same in every chunk.</param>
    /// <param name="model">The model that answers.</param>
    /// <param name="created">When the completion was created.</param>
    /// <param name="choices">The deltas of the choices; build them with <see cref="ChatChunkChoice"/>. None when <see langword="null"/>, as in the usage chunk.</param>
    /// <param name="usage">The tokens used, in the last chunk only.</param>
    /// <param name="serviceTier">The processing tier used.</param>
    /// <param name="systemFingerprint">The backend configuration.</param>
    /// <param name="obfuscation">The padding some servers add against side channels.</param>
    /// <param name="responseInfo">What the server said with the stream's response.</param>
    /// <returns>The chunk.</returns>
    public static ChatCompletionChunk ChatCompletionChunk(
        string id = "chatcmpl-test",
        string model = "gpt-4o-mini",
        DateTimeOffset created = default,
        IEnumerable<ChatChunkChoice>? choices = null,
        CompletionUsage? usage = null,
        ChatServiceTier? serviceTier = null,
        string? systemFingerprint = null,
        string? obfuscation = null,
        ChatGptResponseInfo? responseInfo = null) => new()
        {
            Id = id,
            Object = "chat.completion.chunk",
            Created = created,
            Model = model,
            Choices = choices is null ? [] : [.. choices],
            Usage = usage,
            ServiceTier = serviceTier,
            SystemFingerprint = systemFingerprint,
            Obfuscation = obfuscation,
            ResponseInfo = responseInfo,
        };

    /// <summary>Builds the delta of one choice in a <see cref="Chat.ChatCompletionChunk"/>.</summary>
    /// <param name="index">The index of the choice.</param>
    /// <param name="delta">What the chunk adds; build it with <see cref="ChatMessageDelta"/>.</param>
    /// <param name="finishReason">Why generation stopped, in the choice's last chunk.</param>
    /// <param name="logprobs">The log probabilities of the chunk's tokens.</param>
    /// <returns>The chunk choice.</returns>
    public static ChatChunkChoice ChatChunkChoice(int index = 0, ChatMessageDelta? delta = null, FinishReason? finishReason = null, ChatChoiceLogprobs? logprobs = null) =>
        new() { Index = index, Delta = delta, FinishReason = finishReason, Logprobs = logprobs };

    /// <summary>Builds what one chunk adds to a choice's message.</summary>
    /// <param name="content">The text added.</param>
    /// <param name="role">The role, sent in the first chunk.</param>
    /// <param name="refusal">The refusal text added.</param>
    /// <param name="toolCalls">The tool call fragments; build them with <see cref="ChatToolCallDelta"/>.</param>
    /// <param name="functionCall">The legacy function call fragment.</param>
    /// <returns>The delta.</returns>
    public static ChatMessageDelta ChatMessageDelta(
        string? content = null,
        ChatRole? role = null,
        string? refusal = null,
        IEnumerable<ChatToolCallDelta>? toolCalls = null,
        ChatFunctionCallDelta? functionCall = null) => new()
        {
            Content = content,
            Role = role,
            Refusal = refusal,
            ToolCalls = toolCalls is null ? null : [.. toolCalls],
            FunctionCall = functionCall,
        };

    /// <summary>Builds a fragment of a streamed tool call: the first carries the id, type and name, the next ones more arguments.</summary>
    /// <param name="index">Which call of the choice the fragment belongs to.</param>
    /// <param name="id">The call id, in the first fragment.</param>
    /// <param name="functionName">The function name, in the first fragment.</param>
    /// <param name="argumentsDelta">The next piece of the JSON arguments.</param>
    /// <param name="type">The call type, <c>function</c> in the first fragment when <paramref name="id"/> is set.</param>
    /// <returns>The fragment.</returns>
    public static ChatToolCallDelta ChatToolCallDelta(int index = 0, string? id = null, string? functionName = null, string? argumentsDelta = null, string? type = null) => new()
    {
        Index = index,
        Id = id,
        Type = type ?? (id is null ? null : "function"),
        Function = functionName is null && argumentsDelta is null ? null : ChatFunctionCallDelta(functionName, argumentsDelta),
    };

    /// <summary>Builds a fragment of a streamed function call's name and arguments.</summary>
    /// <param name="name">The function name, in the first fragment.</param>
    /// <param name="arguments">The next piece of the JSON arguments.</param>
    /// <returns>The fragment.</returns>
    public static ChatFunctionCallDelta ChatFunctionCallDelta(string? name = null, string? arguments = null) => new() { Name = name, Arguments = arguments };
}
