using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ChatGpt.Serialization;

/// <summary>
/// The property writers the hand-written request serializers share. Each one omits a <see langword="null"/> value, as
/// the source-generated contract does (<c>WhenWritingNull</c>), so both produce the same bytes.
/// </summary>
internal static class WireJsonWriter
{
    public static void String(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    public static void Number(Utf8JsonWriter writer, ReadOnlySpan<byte> name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    public static void Number(Utf8JsonWriter writer, ReadOnlySpan<byte> name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    public static void Number(Utf8JsonWriter writer, ReadOnlySpan<byte> name, float? value)
    {
        if (value is { } number)
        {
            // Utf8JsonWriter rejects NaN and infinities just as the serializer does (no named-literal handling here).
            writer.WriteNumber(name, number);
        }
    }

    public static void Boolean(Utf8JsonWriter writer, ReadOnlySpan<byte> name, bool? value)
    {
        if (value is { } flag)
        {
            writer.WriteBoolean(name, flag);
        }
    }

    public static void Strings(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } value)
            {
                writer.WriteStringValue(value);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>A value of a type the contract serializes (rarely set, or shaped by its own converter).</summary>
    /// <remarks>The type's metadata is asked for only when the value is set: a context builds a type's metadata (and its
    /// properties' generic instantiations, which the JIT compiles) the first time it is asked, and most requests set none
    /// of these fields. Passing <c>context.X</c> itself would build all of them on the first call.</remarks>
    public static void Value<T>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, T? value, Func<ChatGptJsonContext, JsonTypeInfo<T>> typeInfo)
        where T : class
    {
        if (value is not null)
        {
            writer.WritePropertyName(name);
            JsonSerializer.Serialize(writer, value, typeInfo(ChatGptJsonContext.Default));
        }
    }

    public static void StreamOptions(Utf8JsonWriter writer, Chat.ChatStreamOptions? options)
    {
        if (options is null)
        {
            return;
        }

        writer.WriteStartObject("stream_options"u8);
        Boolean(writer, "include_usage"u8, options.IncludeUsage);
        Boolean(writer, "include_obfuscation"u8, options.IncludeObfuscation);
        writer.WriteEndObject();
    }

    /// <summary>The <c>[JsonExtensionData]</c> entries: written last, as the serializer does.</summary>
    public static void ExtensionData(Utf8JsonWriter writer, IDictionary<string, JsonElement>? properties)
    {
        if (properties is null)
        {
            return;
        }

        foreach (var (key, value) in properties)
        {
            writer.WritePropertyName(key);
            JsonSerializer.Serialize(writer, value, ChatGptJsonContext.Default.JsonElement);
        }
    }
}
