using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatGpt.Serialization;

/// <summary>Reads and writes <c>audio.voice</c>: a string, or <c>{"id": "voice_1234"}</c> for a custom voice.</summary>
internal sealed class AudioVoiceJsonConverter : JsonConverter<AudioVoice?>
{
    public override bool HandleNull => true;

    public override AudioVoice? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return new AudioVoice(reader.GetString(), null);
            case JsonTokenType.StartObject:
                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    return new AudioVoice(null, document.RootElement.TryGetProperty("id", out var id) ? id.GetString() : null);
                }

            default:
                throw new JsonException($"audio.voice must be a string or an object with an id, not {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, AudioVoice? value, JsonSerializerOptions options)
    {
        if (value is not { } voice)
        {
            writer.WriteNullValue();
        }
        else if (voice.Id is not null)
        {
            writer.WriteStartObject();
            writer.WriteString("id"u8, voice.Id);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteStringValue(voice.Name);
        }
    }
}
