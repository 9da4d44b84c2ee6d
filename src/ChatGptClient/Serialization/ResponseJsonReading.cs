using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChatGpt.Chat;

namespace ChatGpt.Serialization;

/// <summary>
/// The field readers <see cref="ChatCompletionReader"/> and <see cref="ChatCompletionChunkReader"/> share. Each reads the
/// value of the property the reader is on (it advances from the property name to the value), accepts what the
/// source-generated contract accepts and produces what it produces, and throws a <see cref="JsonException"/> that names
/// the field where the contract would have thrown: a wrong token type never leaves a field silently unset.
/// </summary>
/// <remarks>
/// Hand-written because the contract's first use compiles about a thousand generic instantiations (a property info per
/// value-type property, even of request-only types such as the message's content parts) and reads each property through
/// several indirections. The rare, nested parts (moderation, audio, content parts, metadata) are read
/// with the contract, which is only built when a response carries them (not for JSON null).
/// </remarks>
internal static class ResponseJsonReading
{
    private static readonly UnixTimestampJsonConverter s_timestamp = new();
    private static readonly ChatRoleJsonConverter s_role = new();
    private static readonly ExtensibleStringJsonConverter<FinishReason> s_finishReason = new();
    private static readonly ExtensibleStringJsonConverter<ChatServiceTier> s_serviceTier = new();

    /// <summary>Reads the value of one item of a list.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="reader">The reader, on the item's first token.</param>
    /// <returns>The item.</returns>
    public delegate T? ItemReader<T>(ref Utf8JsonReader reader);

    /// <summary>Checks that the reader is on the start of an object, as the contract does for a class.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="type">The type read, for the message.</param>
    public static void ExpectStartObject(ref Utf8JsonReader reader, string type)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A {type} must be a JSON object, not {reader.TokenType}.");
        }
    }

    /// <summary>Moves to the next property of the object the reader is in.</summary>
    /// <param name="reader">The reader, on the object's start or at the end of the previous property's value.</param>
    /// <returns><see langword="true"/> on a property name; <see langword="false"/> at the end of the object.</returns>
    public static bool NextProperty(ref Utf8JsonReader reader)
    {
        Advance(ref reader);
        return reader.TokenType switch
        {
            JsonTokenType.PropertyName => true,
            JsonTokenType.EndObject => false,
            _ => throw new JsonException($"Expected a property name or the end of an object, not {reader.TokenType}."),
        };
    }

    /// <summary>Reads an object property's value: <see langword="null"/> for JSON null, otherwise what <paramref name="read"/> makes of it.</summary>
    /// <typeparam name="T">The property type.</typeparam>
    /// <param name="reader">The reader, on the property name.</param>
    /// <param name="read">Reads the object, the reader on its start.</param>
    /// <returns>The value.</returns>
    public static T? Object<T>(ref Utf8JsonReader reader, ItemReader<T> read)
        where T : class
    {
        Advance(ref reader);
        return reader.TokenType == JsonTokenType.Null ? null : read(ref reader);
    }

    /// <summary>Reads a property's value with the source-generated contract: for the rare parts of a response. JSON null
    /// is read without it, so a response that only says <c>"audio": null</c> never builds the contract.</summary>
    /// <typeparam name="T">The property type.</typeparam>
    /// <param name="reader">The reader, on the property name.</param>
    /// <param name="typeInfo">Picks the type's contract from the context (asked for only when needed, as the request
    /// writers do with <see cref="WireJsonWriter.Value{T}"/>: its first use builds it).</param>
    /// <returns>The value.</returns>
    public static T? WithContract<T>(ref Utf8JsonReader reader, Func<ChatGptJsonContext, JsonTypeInfo<T>> typeInfo)
        where T : class
    {
        Advance(ref reader);
        return reader.TokenType == JsonTokenType.Null ? null : JsonSerializer.Deserialize(ref reader, typeInfo(ChatGptJsonContext.Default));
    }

    /// <summary>Reads an array property into a <see cref="List{T}"/> (the collection the contract creates for list interfaces).</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="reader">The reader, on the property name.</param>
    /// <param name="field">The JSON property, for the message.</param>
    /// <param name="readItem">Reads one item, the reader on its first token (a JSON null item included).</param>
    /// <returns>The list, or <see langword="null"/> for JSON null.</returns>
    public static List<T>? List<T>(ref Utf8JsonReader reader, string field, ItemReader<T> readItem)
    {
        Advance(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw WrongToken(field, "an array", reader.TokenType);
        }

        var list = new List<T>();
        while (true)
        {
            Advance(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                break;
            }

            list.Add(readItem(ref reader)!);
        }

        return list;
    }

    /// <summary>Reads a string property.</summary>
    /// <param name="reader">The reader, on the property name.</param>
    /// <param name="field">The JSON property, for the message.</param>
    /// <returns>The string, or <see langword="null"/> for JSON null.</returns>
    public static string? String(ref Utf8JsonReader reader, string field)
    {
        Advance(ref reader);
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw WrongToken(field, "a string", reader.TokenType),
        };
    }

    /// <summary>Reads a string property that repeats from one response or stream event to the next, through the
    /// field's own <see cref="RepeatedStringJsonConverter"/> (the same string instance while the text is the same).</summary>
    /// <param name="reader">The reader, on the property name.</param>
    /// <param name="field">The JSON property, for the message.</param>
    /// <param name="last">The field's cache of its last value.</param>
    /// <returns>The string, or <see langword="null"/> for JSON null.</returns>
    public static string? RepeatedString(ref Utf8JsonReader reader, string field, RepeatedStringJsonConverter last)
    {
        Advance(ref reader);
        return reader.TokenType switch
        {
            JsonTokenType.String => last.Read(ref reader, typeof(string), ChatGptJsonContext.Default.Options),
            JsonTokenType.Null => null,
            _ => throw WrongToken(field, "a string", reader.TokenType),
        };
    }

    /// <summary>Reads an <see cref="int"/> property; JSON null fails, as it does for the contract's non-nullable numbers.</summary>
    /// <param name="reader">The reader, on the property name.</param>
    /// <param name="field">The JSON property, for the message.</param>
    /// <returns>The number.</returns>
    public static int Int32(ref Utf8JsonReader reader, string field)
    {
        Advance(ref reader);
        return Int32Value(ref reader, field);
    }

    /// <summary>Reads an <see cref="int"/>? property.</summary>
    /// <param name="reader">The reader, on the property name.</param>
    /// <param name="field">The JSON property, for the message.</param>
    /// <returns>The number, or <see langword="null"/> for JSON null.</returns>
    public static int? NullableInt32(ref Utf8JsonReader reader, string field)
    {
        Advance(ref reader);
        return reader.TokenType == JsonTokenType.Null ? null : Int32Value(ref reader, field);
    }

    /// <summary>Reads <c>created</c> as <see cref="UnixTimestampJsonConverter"/> does (JSON null fails: the property is not nullable).</summary>
    /// <param name="reader">The reader, on the property name.</param>
    /// <returns>The time.</returns>
    public static DateTimeOffset Timestamp(ref Utf8JsonReader reader)
    {
        Advance(ref reader);
        try
        {
            return s_timestamp.Read(ref reader, typeof(DateTimeOffset), ChatGptJsonContext.Default.Options);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            // A number such as 1e400: the contract fails too, with the same ArgumentOutOfRangeException the client
            // reports as a malformed body; here it is the JsonException every other wrong value is.
            throw new JsonException("The JSON property 'created' is not a time a DateTimeOffset can hold.", ex);
        }
    }

    /// <summary>Reads a message's <c>role</c> as <see cref="ChatRoleJsonConverter"/> does (JSON null fails: the property is not nullable).</summary>
    /// <param name="reader">The reader, on the property name.</param>
    /// <returns>The role.</returns>
    public static ChatRole Role(ref Utf8JsonReader reader)
    {
        Advance(ref reader);
        return s_role.Read(ref reader, typeof(ChatRole), ChatGptJsonContext.Default.Options);
    }

    /// <summary>Reads a delta's <c>role</c>, which may be null.</summary>
    /// <param name="reader">The reader, on the property name.</param>
    /// <returns>The role, or <see langword="null"/> for JSON null.</returns>
    public static ChatRole? NullableRole(ref Utf8JsonReader reader)
    {
        Advance(ref reader);
        return reader.TokenType == JsonTokenType.Null ? null : s_role.Read(ref reader, typeof(ChatRole), ChatGptJsonContext.Default.Options);
    }

    /// <summary>Reads a <c>finish_reason</c>, known values without allocating.</summary>
    /// <param name="reader">The reader, on the property name.</param>
    /// <returns>The finish reason, or <see langword="null"/> for JSON null.</returns>
    public static FinishReason? FinishReason(ref Utf8JsonReader reader)
    {
        Advance(ref reader);
        return reader.TokenType == JsonTokenType.Null ? null : s_finishReason.Read(ref reader, typeof(FinishReason), ChatGptJsonContext.Default.Options);
    }

    /// <summary>Reads a <c>service_tier</c>, known values without allocating.</summary>
    /// <param name="reader">The reader, on the property name.</param>
    /// <returns>The tier, or <see langword="null"/> for JSON null.</returns>
    public static ChatServiceTier? ServiceTier(ref Utf8JsonReader reader)
    {
        Advance(ref reader);
        return reader.TokenType == JsonTokenType.Null ? null : s_serviceTier.Read(ref reader, typeof(ChatServiceTier), ChatGptJsonContext.Default.Options);
    }

    /// <summary>Reads a <c>usage</c> object with its details.</summary>
    /// <param name="reader">The reader, on the property name.</param>
    /// <returns>The usage, or <see langword="null"/> for JSON null.</returns>
    public static CompletionUsage? Usage(ref Utf8JsonReader reader) => Object(ref reader, UsageObject);

    /// <summary>Reads a legacy <c>function_call</c> or a tool call's <c>function</c>: both fields required, as by the contract.</summary>
    /// <param name="reader">The reader, on the object's start.</param>
    /// <returns>The call.</returns>
    public static ChatFunctionCall FunctionCallObject(ref Utf8JsonReader reader)
    {
        ExpectStartObject(ref reader, "function call");
        string? name = null;
        string? arguments = null;
        var seen = 0;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                name = String(ref reader, "name");
                seen |= 1;
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                arguments = String(ref reader, "arguments");
                seen |= 2;
            }
            else
            {
                reader.Skip();
            }
        }

        if (seen != 3)
        {
            throw MissingRequired("function call", (seen & 1) == 0 ? "name" : "arguments");
        }

        return new ChatFunctionCall { Name = name!, Arguments = arguments! };
    }

    /// <summary>Reads a streamed fragment of a function call.</summary>
    /// <param name="reader">The reader, on the object's start.</param>
    /// <returns>The fragment.</returns>
    public static ChatFunctionCallDelta FunctionCallDeltaObject(ref Utf8JsonReader reader)
    {
        ExpectStartObject(ref reader, "function call fragment");
        var delta = new ChatFunctionCallDelta();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("arguments"u8))
            {
                delta.Arguments = String(ref reader, "arguments");
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                delta.Name = String(ref reader, "name");
            }
            else
            {
                reader.Skip();
            }
        }

        return delta;
    }

    /// <summary>Reads the <c>logprobs</c> of a choice: requested for some calls, and then in every chunk of a stream.</summary>
    /// <param name="reader">The reader, on the property name.</param>
    /// <returns>The log probabilities, or <see langword="null"/> for JSON null.</returns>
    public static ChatChoiceLogprobs? Logprobs(ref Utf8JsonReader reader) => Object(ref reader, LogprobsObject);

    /// <summary>Reads a <c>moderation</c> object with the contract: only on moderated completions.</summary>
    /// <param name="reader">The reader, on the property name.</param>
    /// <returns>The moderation, or <see langword="null"/> for JSON null.</returns>
    public static ChatModeration? Moderation(ref Utf8JsonReader reader) => WithContract(ref reader, static c => c.ChatModeration);

    /// <summary>The error of a required property missing from an object, as the contract reports it.</summary>
    /// <param name="type">The object read.</param>
    /// <param name="field">The missing JSON property.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException MissingRequired(string type, string field) => new($"A {type} must have the property '{field}'.");

    /// <summary>The error of a value of the wrong JSON type.</summary>
    /// <param name="field">The JSON property.</param>
    /// <param name="expected">What it must be.</param>
    /// <param name="actual">What it is.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException WrongToken(string field, string expected, JsonTokenType actual) => new($"The JSON property '{field}' must be {expected}, not {actual}.");

    /// <summary>Moves to the next token; the end of the data inside a value is truncated JSON, never a shorter object.</summary>
    /// <param name="reader">The reader.</param>
    public static void Advance(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The JSON ends inside a value.");
        }
    }

    private static int Int32Value(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw WrongToken(field, "a number", reader.TokenType);
        }

        return reader.TryGetInt32(out var value) ? value : throw new JsonException($"The JSON property '{field}' must be a whole number within the range of Int32.");
    }

    private static double Double(ref Utf8JsonReader reader, string field)
    {
        Advance(ref reader);
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw WrongToken(field, "a number", reader.TokenType);
        }

        // As the contract reads it: a number beyond the range of a double is an infinity, not an error.
        return reader.GetDouble();
    }

    private static ChatChoiceLogprobs LogprobsObject(ref Utf8JsonReader reader)
    {
        ExpectStartObject(ref reader, "logprobs");
        var logprobs = new ChatChoiceLogprobs();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("content"u8))
            {
                logprobs.Content = List(ref reader, "content", TokenLogprob);
            }
            else if (reader.ValueTextEquals("refusal"u8))
            {
                logprobs.Refusal = List(ref reader, "refusal", TokenLogprob);
            }
            else
            {
                reader.Skip();
            }
        }

        return logprobs;
    }

    private static ChatTokenLogprob? TokenLogprob(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        ExpectStartObject(ref reader, "token log probability");
        var logprob = new ChatTokenLogprob();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("token"u8))
            {
                logprob.Token = String(ref reader, "token")!;
            }
            else if (reader.ValueTextEquals("logprob"u8))
            {
                logprob.Logprob = Double(ref reader, "logprob");
            }
            else if (reader.ValueTextEquals("bytes"u8))
            {
                logprob.Bytes = List(ref reader, "bytes", Byte);
            }
            else if (reader.ValueTextEquals("top_logprobs"u8))
            {
                logprob.TopLogprobs = List(ref reader, "top_logprobs", TopLogprob)!;
            }
            else
            {
                reader.Skip();
            }
        }

        return logprob;
    }

    private static ChatTopLogprob? TopLogprob(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        ExpectStartObject(ref reader, "top log probability");
        var logprob = new ChatTopLogprob();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("token"u8))
            {
                logprob.Token = String(ref reader, "token")!;
            }
            else if (reader.ValueTextEquals("logprob"u8))
            {
                logprob.Logprob = Double(ref reader, "logprob");
            }
            else if (reader.ValueTextEquals("bytes"u8))
            {
                logprob.Bytes = List(ref reader, "bytes", Byte);
            }
            else
            {
                reader.Skip();
            }
        }

        return logprob;
    }

    // One item of a "bytes" array: a number (JSON null fails, as for the contract's List<int>).
    private static int Byte(ref Utf8JsonReader reader) => Int32Value(ref reader, "bytes");

    private static CompletionUsage UsageObject(ref Utf8JsonReader reader)
    {
        ExpectStartObject(ref reader, "usage");
        var usage = new CompletionUsage();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                usage.PromptTokens = Int32(ref reader, "prompt_tokens");
            }
            else if (reader.ValueTextEquals("completion_tokens"u8))
            {
                usage.CompletionTokens = Int32(ref reader, "completion_tokens");
            }
            else if (reader.ValueTextEquals("total_tokens"u8))
            {
                usage.TotalTokens = Int32(ref reader, "total_tokens");
            }
            else if (reader.ValueTextEquals("prompt_tokens_details"u8))
            {
                usage.PromptTokensDetails = Object(ref reader, PromptTokensDetailsObject);
            }
            else if (reader.ValueTextEquals("completion_tokens_details"u8))
            {
                usage.CompletionTokensDetails = Object(ref reader, CompletionTokensDetailsObject);
            }
            else
            {
                reader.Skip();
            }
        }

        return usage;
    }

    private static PromptTokensDetails PromptTokensDetailsObject(ref Utf8JsonReader reader)
    {
        ExpectStartObject(ref reader, "prompt_tokens_details");
        var details = new PromptTokensDetails();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("cached_tokens"u8))
            {
                details.CachedTokens = NullableInt32(ref reader, "cached_tokens");
            }
            else if (reader.ValueTextEquals("audio_tokens"u8))
            {
                details.AudioTokens = NullableInt32(ref reader, "audio_tokens");
            }
            else if (reader.ValueTextEquals("text_tokens"u8))
            {
                details.TextTokens = NullableInt32(ref reader, "text_tokens");
            }
            else if (reader.ValueTextEquals("image_tokens"u8))
            {
                details.ImageTokens = NullableInt32(ref reader, "image_tokens");
            }
            else if (reader.ValueTextEquals("cache_write_tokens"u8))
            {
                details.CacheWriteTokens = NullableInt32(ref reader, "cache_write_tokens");
            }
            else
            {
                reader.Skip();
            }
        }

        return details;
    }

    private static CompletionTokensDetails CompletionTokensDetailsObject(ref Utf8JsonReader reader)
    {
        ExpectStartObject(ref reader, "completion_tokens_details");
        var details = new CompletionTokensDetails();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("reasoning_tokens"u8))
            {
                details.ReasoningTokens = NullableInt32(ref reader, "reasoning_tokens");
            }
            else if (reader.ValueTextEquals("audio_tokens"u8))
            {
                details.AudioTokens = NullableInt32(ref reader, "audio_tokens");
            }
            else if (reader.ValueTextEquals("accepted_prediction_tokens"u8))
            {
                details.AcceptedPredictionTokens = NullableInt32(ref reader, "accepted_prediction_tokens");
            }
            else if (reader.ValueTextEquals("rejected_prediction_tokens"u8))
            {
                details.RejectedPredictionTokens = NullableInt32(ref reader, "rejected_prediction_tokens");
            }
            else if (reader.ValueTextEquals("text_tokens"u8))
            {
                details.TextTokens = NullableInt32(ref reader, "text_tokens");
            }
            else
            {
                reader.Skip();
            }
        }

        return details;
    }
}
