using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatGpt.Serialization;

/// <summary>
/// Reads and writes an extensible string value type (<see cref="ChatGpt.FinishReason"/>, <see cref="Chat.ChatServiceTier"/>,
/// <see cref="Files.FilePurpose"/>, <see cref="Audio.SpeechFormat"/>, ...) as its wire string: the one converter of them all. Known values are matched on the raw UTF-8 bytes and return the type's static instance, so the
/// common case allocates no string; a value this version does not know still round-trips.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
internal sealed class ExtensibleStringJsonConverter<T> : JsonConverter<T>
    where T : struct, IExtensibleString<T>
{
    // Built once per type: the generated contract creates a converter per property.
    private static readonly (byte[] Utf8, T Value)[] Known = [.. T.KnownValues.Select(static value => (Encoding.UTF8.GetBytes(value.Value), value))];

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"{T.FieldName} must be a string, not {reader.TokenType}.");
        }

        return ReadString(ref reader);
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);

    /// <summary>Reads the string token the reader is on: a known value's static instance, or a new value for any other text
    /// (also for converters of types that are written as a string or an object, such as a voice).</summary>
    /// <param name="reader">The reader, on a string token.</param>
    /// <returns>The value; the default instance for an empty string.</returns>
    internal static T ReadString(ref Utf8JsonReader reader)
    {
        foreach (var (utf8, value) in Known)
        {
            if (reader.ValueTextEquals(utf8))
            {
                return value;
            }
        }

        // An empty value reads as the default instance (an empty Value) rather than failing the whole response.
        var text = reader.GetString();
        return string.IsNullOrWhiteSpace(text) ? default : T.Create(text);
    }
}
