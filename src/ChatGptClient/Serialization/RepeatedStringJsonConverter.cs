using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatGpt.Serialization;

/// <summary>
/// Reads strings that repeat from one stream event to the next (id, object, model, system fingerprint, service tier)
/// without allocating them again: the field's last value is kept and returned when the UTF-8 bytes match. A 500-chunk
/// stream otherwise allocates these five strings 500 times (about 320 bytes a chunk).
/// </summary>
internal sealed class RepeatedStringJsonConverter : JsonConverter<string>
{
    private const int MaxLength = 128;

    // The generated contract creates one converter per property, so this is the last value of one field (the model,
    // the id...). A reference is read and written atomically: concurrent streams with different values only miss.
    private string? _last;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || reader.HasValueSequence || reader.ValueIsEscaped || reader.ValueSpan.Length > MaxLength)
        {
            return reader.GetString();
        }

        // Ascii.Equals is false for non-ASCII text, which then simply takes the allocating path.
        var utf8 = reader.ValueSpan;
        if (_last is { } last && last.Length == utf8.Length && Ascii.Equals(utf8, last))
        {
            return last;
        }

        var value = reader.GetString()!;
        _last = value;
        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
