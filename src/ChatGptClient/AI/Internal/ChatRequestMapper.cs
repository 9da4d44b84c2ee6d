using System.Text.Json;
using ChatGpt.Chat;
using ChatGpt.Serialization;
using Microsoft.Extensions.AI;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AIChatResponseFormat = Microsoft.Extensions.AI.ChatResponseFormat;
using AIChatRole = Microsoft.Extensions.AI.ChatRole;
using ChatMessage = ChatGpt.Chat.ChatMessage;
using ChatResponseFormat = ChatGpt.Chat.ChatResponseFormat;
using ChatRole = ChatGpt.Chat.ChatRole;

namespace ChatGpt.AI.Internal;

/// <summary>Maps Microsoft.Extensions.AI messages and <see cref="ChatOptions"/> to a <see cref="ChatCompletionRequest"/>.</summary>
/// <remarks>Content the chat endpoint cannot carry (e.g. reasoning content) is skipped rather than failing the call.</remarks>
internal static class ChatRequestMapper
{
    /// <summary>The key of <see cref="AIFunctionDeclaration"/>'s or <see cref="ChatOptions"/>' additional properties that turns on strict schema adherence.</summary>
    internal const string StrictKey = "strict";

    /// <summary>The key of an assistant message's additional properties that carries a refusal.</summary>
    internal const string RefusalKey = "refusal";

    /// <summary>The key of an audio <see cref="DataContent"/>'s additional properties that carries the id of an earlier audio answer.</summary>
    internal const string AudioIdKey = "audio_id";

    /// <summary>The key of an image content's additional properties that carries the detail level.</summary>
    internal const string DetailKey = "detail";

    /// <summary>Microsoft.Extensions.AI's defaults, minus indentation: arguments and results are sent to the model, where whitespace costs tokens.</summary>
    internal static readonly JsonSerializerOptions CompactJson = CreateCompactJson();

    public static ChatCompletionRequest ToRequest(IChatClient client, IEnumerable<AIChatMessage> messages, ChatOptions? options, string? defaultModel)
    {
        // A request from RawRepresentationFactory is the base: its settings win, ChatOptions fill what it leaves unset.
        var request = options?.RawRepresentationFactory?.Invoke(client) as ChatCompletionRequest ?? new ChatCompletionRequest();

        var wireMessages = new List<ChatMessage>();
        if (options?.Instructions is { Length: > 0 } instructions)
        {
            wireMessages.Add(ChatMessage.System(instructions));
        }

        if (request.Messages is { Count: > 0 } existing)
        {
            wireMessages.AddRange(existing);
        }

        foreach (var message in messages)
        {
            AddMessages(wireMessages, message ?? throw new ArgumentException("The messages contain null.", nameof(messages)));
        }

        request.Messages = wireMessages;
        request.Model ??= options?.ModelId ?? defaultModel;
        if (options is not null)
        {
            ApplyOptions(request, options);
        }

        return request;
    }

    private static void ApplyOptions(ChatCompletionRequest request, ChatOptions options)
    {
        request.Temperature ??= options.Temperature;
        request.TopP ??= options.TopP;
        request.MaxCompletionTokens ??= options.MaxOutputTokens;
        request.FrequencyPenalty ??= options.FrequencyPenalty;
        request.PresencePenalty ??= options.PresencePenalty;
        request.Seed ??= options.Seed;
        if (request.Stop is null && options.StopSequences is { Count: > 0 } stop)
        {
            request.Stop = [.. stop];
        }

        request.ReasoningEffort ??= options.Reasoning?.Effort switch
        {
            ReasoningEffort.None => ChatReasoningEffort.None,
            ReasoningEffort.Low => ChatReasoningEffort.Low,
            ReasoningEffort.Medium => ChatReasoningEffort.Medium,
            ReasoningEffort.High => ChatReasoningEffort.High,
            ReasoningEffort.ExtraHigh => ChatReasoningEffort.ExtraHigh,
            _ => (ChatReasoningEffort?)null,
        };

        request.ResponseFormat ??= ToResponseFormat(options);
        ApplyTools(request, options);

        if (options.AdditionalProperties is { Count: > 0 } additional)
        {
            foreach (var (key, value) in additional)
            {
                if (value is null || key == StrictKey || (request.AdditionalProperties?.ContainsKey(key) ?? false))
                {
                    continue;
                }

                (request.AdditionalProperties ??= new Dictionary<string, JsonElement>())[key] = ToJsonElement(key, value);
            }
        }
    }

    private static ChatResponseFormat? ToResponseFormat(ChatOptions options) => options.ResponseFormat switch
    {
        ChatResponseFormatText => ChatResponseFormat.Text,
        ChatResponseFormatJson { Schema: { } schema } json => ChatResponseFormat.ForJsonSchema(
            json.SchemaName ?? "json_schema",
            schema,
            strict: options.AdditionalProperties?.TryGetValue(StrictKey, out var strict) is true && strict is bool s ? s : null,
            json.SchemaDescription),
        ChatResponseFormatJson => ChatResponseFormat.JsonObject,
        _ => null,
    };

    private static void ApplyTools(ChatCompletionRequest request, ChatOptions options)
    {
        if (options.Tools is not { Count: > 0 } tools)
        {
            return;
        }

        List<ChatTool>? functions = null;
        foreach (var tool in tools)
        {
            switch (tool)
            {
                case AIFunctionDeclaration function:
                    // Strict is opt-in: schemas from AIFunctionFactory leave optional parameters out of "required",
                    // which OpenAI's strict mode rejects.
                    bool? strict = function.AdditionalProperties.TryGetValue(StrictKey, out var value) && value is bool b ? b : null;
                    (functions ??= []).Add(ChatTool.CreateFunction(function.Name, string.IsNullOrEmpty(function.Description) ? null : function.Description, function.JsonSchema, strict));
                    break;

                case HostedWebSearchTool:
                    request.WebSearchOptions ??= new ChatWebSearchOptions();
                    break;
            }
        }

        if (functions is null)
        {
            return;
        }

        request.Tools = request.Tools is { Count: > 0 } existing ? [.. existing, .. functions] : functions;
        request.ParallelToolCalls ??= options.AllowMultipleToolCalls;
        request.ToolChoice ??= options.ToolMode switch
        {
            NoneChatToolMode => ChatToolChoice.None,
            AutoChatToolMode => ChatToolChoice.Auto,
            RequiredChatToolMode { RequiredFunctionName: { } name } => ChatToolChoice.ForFunction(name),
            RequiredChatToolMode => ChatToolChoice.Required,
            _ => null,
        };
    }

    private static void AddMessages(List<ChatMessage> wire, AIChatMessage message)
    {
        var role = message.Role;
        if (role == AIChatRole.Tool)
        {
            // One tool message per result: the API answers each tool call id separately.
            foreach (var content in message.Contents)
            {
                if (content is FunctionResultContent result)
                {
                    wire.Add(ChatMessage.Tool(result.CallId, SerializeResult(result)));
                }
            }

            return;
        }

        if (role == AIChatRole.Assistant)
        {
            wire.Add(ToAssistantMessage(message));
            return;
        }

        var parts = new List<ChatContentPart>();
        foreach (var content in message.Contents)
        {
            if (ToPart(content) is { } part)
            {
                parts.Add(part);
            }
        }

        var mapped = new ChatMessage { Role = new ChatRole(role.Value), Name = message.AuthorName };
        if (parts.TrueForAll(static p => p.Type == "text" && p.PromptCacheBreakpoint is null))
        {
            // Plain text goes as a string: the shortest wire form, and the only one some compatible servers accept.
            mapped.Content = string.Concat(parts.Select(static p => p.Text));
        }
        else
        {
            mapped.ContentParts = parts;
        }

        wire.Add(mapped);
    }

    private static ChatMessage ToAssistantMessage(AIChatMessage message)
    {
        string? refusal = message.AdditionalProperties?.TryGetValue(RefusalKey, out var r) is true ? r as string : null;
        List<ChatToolCall>? calls = null;
        string? text = null;
        ChatMessageAudio? audio = null;
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent { Text: { } t } when t != refusal:
                    text = text is null ? t : text + t;
                    break;
                case FunctionCallContent call:
                    (calls ??= []).Add(ChatToolCall.CreateFunctionCall(call.CallId, call.Name, SerializeArguments(call.Arguments)));
                    break;
                case DataContent data when data.AdditionalProperties?.TryGetValue(AudioIdKey, out var id) is true && id is string audioId:
                    audio = new ChatMessageAudio { Id = audioId };
                    break;
            }
        }

        return new ChatMessage
        {
            Role = ChatRole.Assistant,
            Name = message.AuthorName,

            // The API wants content or tool calls; an empty turn still needs a (empty) content.
            Content = text ?? (calls is null && refusal is null && audio is null ? string.Empty : null),
            ToolCalls = calls,
            Refusal = refusal,
            Audio = audio,
        };
    }

    private static ChatContentPart? ToPart(AIContent content)
    {
        switch (content)
        {
            case TextContent text:
                return ChatContentPart.FromText(text.Text ?? string.Empty);

            case UriContent uri when uri.HasTopLevelMediaType("image"):
                return ChatContentPart.FromImage(uri.Uri, Detail(content));

            case DataContent data when data.HasTopLevelMediaType("image"):
                return new ChatContentPart { Type = "image_url", ImageUrl = new ChatImageUrl { Url = data.Uri, Detail = Detail(content) } };

            case DataContent data when data.HasTopLevelMediaType("audio"):
                var format = data.MediaType.ToLowerInvariant() switch
                {
                    "audio/mpeg" or "audio/mp3" => "mp3",
                    "audio/wav" or "audio/x-wav" or "audio/wave" => "wav",
                    _ => throw new NotSupportedException($"Audio input must be WAV or MP3, not {data.MediaType}."),
                };
                return new ChatContentPart { Type = "input_audio", InputAudio = new ChatInputAudio { Data = Convert.ToBase64String(data.Data.Span), Format = format } };

            case DataContent data:
                // Files travel inline as data URIs, the form the API accepts for file_data.
                return new ChatContentPart { Type = "file", File = new ChatFileContent { FileData = data.Uri, Filename = data.Name ?? "file" } };

            case HostedFileContent file:
                return ChatContentPart.FromFileId(file.FileId);

            default:
                return null;
        }
    }

    private static ChatImageDetail? Detail(AIContent content) =>
        content.AdditionalProperties?.TryGetValue(DetailKey, out var detail) is true && detail?.ToString() is { } text && !string.IsNullOrWhiteSpace(text)
            ? new ChatImageDetail(text)
            : null;

    private static string SerializeArguments(IDictionary<string, object?>? arguments) =>
        arguments is null
            ? "{}"
            : JsonSerializer.Serialize(arguments, CompactJson.GetTypeInfo(typeof(IDictionary<string, object?>)));

    private static string SerializeResult(FunctionResultContent result)
    {
        switch (result.Result)
        {
            case null:
                return result.Exception is { } ex ? $"Error: {ex.Message}" : string.Empty;
            case string text:
                return text;
            case JsonElement element:
                // Re-written rather than GetRawText(): AIFunctionFactory's results are indented, and whitespace costs tokens.
                return element.ValueKind == JsonValueKind.String ? element.GetString() ?? string.Empty : JsonSerializer.Serialize(element, ChatGptJsonContext.Default.JsonElement);
            default:
                try
                {
                    return JsonSerializer.Serialize(result.Result, CompactJson.GetTypeInfo(result.Result.GetType()));
                }
                catch (NotSupportedException)
                {
                    // A result type without JSON metadata (trimmed apps): its text is better than failing the turn.
                    return result.Result.ToString() ?? string.Empty;
                }
        }
    }

    private static JsonSerializerOptions CreateCompactJson()
    {
        var options = new JsonSerializerOptions(AIJsonUtilities.DefaultOptions) { WriteIndented = false };
        options.MakeReadOnly();
        return options;
    }

    private static JsonElement ToJsonElement(string key, object value)
    {
        if (value is JsonElement element)
        {
            return element;
        }

        try
        {
            return JsonSerializer.SerializeToElement(value, CompactJson.GetTypeInfo(value.GetType()));
        }
        catch (NotSupportedException ex)
        {
            throw new ArgumentException($"ChatOptions.AdditionalProperties[\"{key}\"] of type {value.GetType().Name} cannot be sent as JSON; pass a JsonElement.", nameof(value), ex);
        }
    }
}
