using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ChatGpt.Chat;
using static ChatGpt.Serialization.ResponseJsonReading;

namespace ChatGpt.Serialization;

/// <summary>
/// Reads a <see cref="ChatCompletion"/> (the answer of <c>POST /chat/completions</c>) by hand with the
/// <see cref="Utf8JsonReader"/>: what the client parses every call, without the source-generated contract's first-use
/// cost. It produces exactly what <see cref="ChatGptJsonContext"/>'s contract produces (an equivalence test reads a
/// corpus with both) and fails where it fails.
/// </summary>
/// <remarks>
/// Used through <see cref="TypeInfo"/> by the client; never attached to the public type, whose users serialize it with
/// their own options. Writing delegates to the contract, so the type info also round-trips.
/// </remarks>
internal sealed class ChatCompletionReader : JsonConverter<ChatCompletion>
{
    // One cache per repeated field, as the contract has one converter per property.
    private readonly RepeatedStringJsonConverter _object = new();
    private readonly RepeatedStringJsonConverter _model = new();
    private readonly RepeatedStringJsonConverter _systemFingerprint = new();

    /// <summary>The type info the client reads chat completions with.</summary>
    public static JsonTypeInfo<ChatCompletion> TypeInfo { get; } = JsonMetadataServices.CreateValueInfo<ChatCompletion>(ChatGptJsonContext.Default.Options, new ChatCompletionReader());

    /// <inheritdoc/>
    public override ChatCompletion Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ExpectStartObject(ref reader, "chat completion");
        var completion = new ChatCompletion();
        var hasChoices = false;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("id"u8))
            {
                completion.Id = String(ref reader, "id")!;
            }
            else if (reader.ValueTextEquals("object"u8))
            {
                completion.Object = RepeatedString(ref reader, "object", _object);
            }
            else if (reader.ValueTextEquals("created"u8))
            {
                completion.Created = Timestamp(ref reader);
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                completion.Model = RepeatedString(ref reader, "model", _model)!;
            }
            else if (reader.ValueTextEquals("choices"u8))
            {
                // Null is accepted like the contract does ([JsonRequired] only asks for the property).
                completion.Choices = List(ref reader, "choices", Choice)!;
                hasChoices = true;
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                completion.Usage = Usage(ref reader);
            }
            else if (reader.ValueTextEquals("service_tier"u8))
            {
                completion.ServiceTier = ServiceTier(ref reader);
            }
            else if (reader.ValueTextEquals("system_fingerprint"u8))
            {
                completion.SystemFingerprint = RepeatedString(ref reader, "system_fingerprint", _systemFingerprint);
            }
            else if (reader.ValueTextEquals("moderation"u8))
            {
                completion.Moderation = Moderation(ref reader);
            }
            else if (reader.ValueTextEquals("metadata"u8))
            {
                completion.Metadata = WithContract(ref reader, static c => c.IReadOnlyDictionaryStringString);
            }
            else
            {
                reader.Skip();
            }
        }

        return hasChoices ? completion : throw MissingRequired("chat completion", "choices");
    }

    /// <summary>Writes with the source-generated contract: this converter exists for reading.</summary>
    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ChatCompletion value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, ChatGptJsonContext.Default.ChatCompletion);

    private static ChatChoice? Choice(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        ExpectStartObject(ref reader, "choice");
        var choice = new ChatChoice();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("index"u8))
            {
                choice.Index = Int32(ref reader, "index");
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                // Null leaves the message unset, as the contract does (the property then creates an empty assistant message).
                choice.Message = Object(ref reader, Message)!;
            }
            else if (reader.ValueTextEquals("finish_reason"u8))
            {
                choice.FinishReason = FinishReason(ref reader);
            }
            else if (reader.ValueTextEquals("logprobs"u8))
            {
                choice.Logprobs = Logprobs(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return choice;
    }

    private static ChatMessage Message(ref Utf8JsonReader reader)
    {
        ExpectStartObject(ref reader, "message");
        var message = new ChatMessage();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("role"u8))
            {
                message.Role = Role(ref reader);
            }
            else if (reader.ValueTextEquals("content"u8))
            {
                Content(ref reader, message);
            }
            else if (reader.ValueTextEquals("refusal"u8))
            {
                message.Refusal = String(ref reader, "refusal");
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                message.ToolCalls = List(ref reader, "tool_calls", ToolCall);
            }
            else if (reader.ValueTextEquals("annotations"u8))
            {
                message.Annotations = List(ref reader, "annotations", Annotation);
            }
            else if (reader.ValueTextEquals("audio"u8))
            {
                message.Audio = WithContract(ref reader, static c => c.ChatMessageAudio);
            }
            else if (reader.ValueTextEquals("function_call"u8))
            {
                message.FunctionCall = Object(ref reader, FunctionCallObject);
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                message.Name = String(ref reader, "name");
            }
            else if (reader.ValueTextEquals("tool_call_id"u8))
            {
                message.ToolCallId = String(ref reader, "tool_call_id");
            }
            else
            {
                reader.Skip();
            }
        }

        return message;
    }

    /// <summary>Reads <c>content</c> as <see cref="MessageContentJsonConverter"/> does: text, an array of parts (rare in
    /// answers, read with the contract) or null, which clears both.</summary>
    private static void Content(ref Utf8JsonReader reader, ChatMessage message)
    {
        Advance(ref reader);
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                message.Content = reader.GetString();
                message.ContentParts = null;
                break;
            case JsonTokenType.Null:
                message.Content = null;
                message.ContentParts = null;
                break;
            case JsonTokenType.StartArray:
                message.Content = null;
                message.ContentParts = JsonSerializer.Deserialize(ref reader, ChatGptJsonContext.Default.IListChatContentPart);
                break;
            default:
                throw WrongToken("content", "a string, an array of parts or null", reader.TokenType);
        }
    }

    private static ChatToolCall? ToolCall(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        ExpectStartObject(ref reader, "tool call");
        string? id = null;
        var hasId = false;

        // Null when absent, as the contract makes it: it builds the init-only object with every property it has, so
        // the property's "function" initializer does not apply to a read call.
        string? type = null;
        ChatFunctionCall? function = null;
        ChatCustomToolCall? custom = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("id"u8))
            {
                id = String(ref reader, "id");
                hasId = true;
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                type = String(ref reader, "type");
            }
            else if (reader.ValueTextEquals("function"u8))
            {
                function = Object(ref reader, FunctionCallObject);
            }
            else if (reader.ValueTextEquals("custom"u8))
            {
                custom = Object(ref reader, CustomToolCall);
            }
            else
            {
                reader.Skip();
            }
        }

        return hasId ? new ChatToolCall { Id = id!, Type = type!, Function = function, Custom = custom } : throw MissingRequired("tool call", "id");
    }

    // Hand-read although rare in content: answers send "annotations": [] by default, and the empty list alone would build
    // the contract of the annotation types on the first call.
    private static ChatAnnotation? Annotation(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        ExpectStartObject(ref reader, "annotation");
        string? type = null;
        var hasType = false;
        ChatUrlCitation? citation = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("type"u8))
            {
                type = String(ref reader, "type");
                hasType = true;
            }
            else if (reader.ValueTextEquals("url_citation"u8))
            {
                citation = Object(ref reader, UrlCitation);
            }
            else
            {
                reader.Skip();
            }
        }

        return hasType ? new ChatAnnotation { Type = type!, UrlCitation = citation } : throw MissingRequired("annotation", "type");
    }

    private static ChatUrlCitation UrlCitation(ref Utf8JsonReader reader)
    {
        ExpectStartObject(ref reader, "URL citation");
        int start = 0, end = 0;
        string? url = null;
        string? title = null;
        var hasUrl = false;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("url"u8))
            {
                url = String(ref reader, "url");
                hasUrl = true;
            }
            else if (reader.ValueTextEquals("start_index"u8))
            {
                start = Int32(ref reader, "start_index");
            }
            else if (reader.ValueTextEquals("end_index"u8))
            {
                end = Int32(ref reader, "end_index");
            }
            else if (reader.ValueTextEquals("title"u8))
            {
                title = String(ref reader, "title");
            }
            else
            {
                reader.Skip();
            }
        }

        return hasUrl ? new ChatUrlCitation { StartIndex = start, EndIndex = end, Url = url!, Title = title } : throw MissingRequired("URL citation", "url");
    }

    private static ChatCustomToolCall CustomToolCall(ref Utf8JsonReader reader)
    {
        ExpectStartObject(ref reader, "custom tool call");
        string? name = null;
        string? input = null;
        var seen = 0;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                name = String(ref reader, "name");
                seen |= 1;
            }
            else if (reader.ValueTextEquals("input"u8))
            {
                input = String(ref reader, "input");
                seen |= 2;
            }
            else
            {
                reader.Skip();
            }
        }

        return seen == 3 ? new ChatCustomToolCall { Name = name!, Input = input! } : throw MissingRequired("custom tool call", (seen & 1) == 0 ? "name" : "input");
    }
}
