using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ChatGpt.Chat;
using static ChatGpt.Serialization.ResponseJsonReading;

namespace ChatGpt.Serialization;

/// <summary>
/// Reads a <see cref="ChatCompletionChunk"/> (one event of a streamed chat completion) by hand with the
/// <see cref="Utf8JsonReader"/>: what the client parses for every event, without the source-generated contract's
/// first-use cost. It produces exactly what <see cref="ChatGptJsonContext"/>'s contract produces, the <c>error</c> object
/// a server may send inside the stream included, and fails where it fails.
/// </summary>
/// <remarks>
/// Used through <see cref="TypeInfo"/> by the client; never attached to the public type. Writing delegates to the contract.
/// </remarks>
internal sealed class ChatCompletionChunkReader : JsonConverter<ChatCompletionChunk>
{
    // The strings every event of a stream repeats: one cache per field, as the contract has one converter per property.
    private readonly RepeatedStringJsonConverter _id = new();
    private readonly RepeatedStringJsonConverter _object = new();
    private readonly RepeatedStringJsonConverter _model = new();
    private readonly RepeatedStringJsonConverter _systemFingerprint = new();

    /// <summary>The type info the client reads stream events with.</summary>
    public static JsonTypeInfo<ChatCompletionChunk> TypeInfo { get; } = JsonMetadataServices.CreateValueInfo<ChatCompletionChunk>(ChatGptJsonContext.Default.Options, new ChatCompletionChunkReader());

    /// <inheritdoc/>
    public override ChatCompletionChunk Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ExpectStartObject(ref reader, "chat completion chunk");
        var chunk = new ChatCompletionChunk();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("choices"u8))
            {
                chunk.Choices = List(ref reader, "choices", Choice)!;
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                chunk.Id = RepeatedString(ref reader, "id", _id)!;
            }
            else if (reader.ValueTextEquals("object"u8))
            {
                chunk.Object = RepeatedString(ref reader, "object", _object);
            }
            else if (reader.ValueTextEquals("created"u8))
            {
                chunk.Created = Timestamp(ref reader);
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                chunk.Model = RepeatedString(ref reader, "model", _model)!;
            }
            else if (reader.ValueTextEquals("system_fingerprint"u8))
            {
                chunk.SystemFingerprint = RepeatedString(ref reader, "system_fingerprint", _systemFingerprint);
            }
            else if (reader.ValueTextEquals("service_tier"u8))
            {
                chunk.ServiceTier = ServiceTier(ref reader);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                chunk.Usage = Usage(ref reader);
            }
            else if (reader.ValueTextEquals("obfuscation"u8))
            {
                chunk.Obfuscation = String(ref reader, "obfuscation");
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                chunk.Error = Error(ref reader);
            }
            else if (reader.ValueTextEquals("moderation"u8))
            {
                chunk.Moderation = Moderation(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return chunk;
    }

    /// <summary>Writes with the source-generated contract: this converter exists for reading.</summary>
    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ChatCompletionChunk value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, ChatGptJsonContext.Default.ChatCompletionChunk);

    /// <summary>Reads the error a server sends inside a stream, kept whole (any JSON value) for the stream reader.</summary>
    private static JsonElement? Error(ref Utf8JsonReader reader)
    {
        Advance(ref reader);
        return reader.TokenType == JsonTokenType.Null ? null : JsonElement.ParseValue(ref reader);
    }

    private static ChatChunkChoice? Choice(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        ExpectStartObject(ref reader, "chunk choice");
        var choice = new ChatChunkChoice();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("delta"u8))
            {
                choice.Delta = Object(ref reader, Delta);
            }
            else if (reader.ValueTextEquals("index"u8))
            {
                choice.Index = Int32(ref reader, "index");
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

    private static ChatMessageDelta Delta(ref Utf8JsonReader reader)
    {
        ExpectStartObject(ref reader, "delta");
        var delta = new ChatMessageDelta();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("content"u8))
            {
                delta.Content = String(ref reader, "content");
            }
            else if (reader.ValueTextEquals("role"u8))
            {
                delta.Role = NullableRole(ref reader);
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                delta.ToolCalls = List(ref reader, "tool_calls", ToolCallDelta);
            }
            else if (reader.ValueTextEquals("refusal"u8))
            {
                delta.Refusal = String(ref reader, "refusal");
            }
            else if (reader.ValueTextEquals("function_call"u8))
            {
                delta.FunctionCall = Object(ref reader, FunctionCallDeltaObject);
            }
            else
            {
                reader.Skip();
            }
        }

        return delta;
    }

    private static ChatToolCallDelta? ToolCallDelta(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        ExpectStartObject(ref reader, "tool call fragment");
        var delta = new ChatToolCallDelta();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("function"u8))
            {
                delta.Function = Object(ref reader, FunctionCallDeltaObject);
            }
            else if (reader.ValueTextEquals("index"u8))
            {
                delta.Index = Int32(ref reader, "index");
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                delta.Id = String(ref reader, "id");
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                delta.Type = String(ref reader, "type");
            }
            else
            {
                reader.Skip();
            }
        }

        return delta;
    }
}
