using System.Text.Json;
using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.Audio.Internal;

/// <summary>Reads and writes <c>voice</c>: a built-in voice's name, or <c>{"id": "voice_1234"}</c> for a custom voice.</summary>
internal sealed class SpeechVoiceJsonConverter : JsonConverter<SpeechVoice>
{
    public override SpeechVoice Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return ExtensibleStringJsonConverter<SpeechVoice>.ReadString(ref reader);
            case JsonTokenType.StartObject:
                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    return document.RootElement.TryGetProperty("id", out var id) && id.GetString() is { Length: > 0 } value
                        ? SpeechVoice.Custom(value)
                        : throw new JsonException("A custom voice object needs an 'id'.");
                }

            default:
                throw new JsonException($"A voice must be a string or an object with an id, not {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, SpeechVoice value, JsonSerializerOptions options)
    {
        if (value.IsCustom)
        {
            writer.WriteStartObject();
            writer.WriteString("id"u8, value.Value);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteStringValue(value.Value);
        }
    }
}
