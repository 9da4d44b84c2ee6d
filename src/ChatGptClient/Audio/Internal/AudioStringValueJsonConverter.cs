using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatGpt.Audio.Internal;

/// <summary>Reads and writes an audio string value (<see cref="SpeechFormat"/>, <see cref="TranscriptionModel"/>, ...) as its
/// wire string: one converter for every such type instead of one hand-written copy each.</summary>
/// <typeparam name="T">The value type.</typeparam>
internal sealed class AudioStringValueJsonConverter<T> : JsonConverter<T>
    where T : struct, IAudioStringValue<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A {typeof(T).Name} must be a string, not {reader.TokenType}.");
        }

        var value = reader.GetString();
        return string.IsNullOrEmpty(value) ? default : T.FromWire(value);
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
