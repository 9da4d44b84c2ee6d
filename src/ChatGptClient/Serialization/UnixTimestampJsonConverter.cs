using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatGpt.Serialization;

/// <summary>Reads and writes Unix seconds as <see cref="DateTimeOffset"/>; compatible servers sometimes send fractions.</summary>
internal sealed class UnixTimestampJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException("A timestamp must be a number of seconds since the Unix epoch.");
        }

        if (reader.TryGetInt64(out var seconds))
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        return DateTimeOffset.FromUnixTimeMilliseconds((long)(reader.GetDouble() * 1000));
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteNumberValue(value.ToUnixTimeSeconds());
}
