using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatGpt.Serialization;

/// <summary>
/// Reads strings that repeat from one stream event to the next (id, object, model, system fingerprint, service tier)
/// without allocating them again: the last few values read on this thread are kept and returned when the UTF-8
/// bytes match. A 500-chunk stream otherwise allocates these five strings 500 times (about 320 bytes a chunk).
/// </summary>
internal sealed class RepeatedStringJsonConverter : JsonConverter<string>
{
    // Enough slots for the five fields of a chunk; per thread, so no locking, and Deserialize of one event is synchronous.
    private const int Slots = 8;
    private const int MaxLength = 128;

    [ThreadStatic]
    private static string?[]? t_recent;

    [ThreadStatic]
    private static int t_next;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || reader.HasValueSequence || reader.ValueIsEscaped || reader.ValueSpan.Length > MaxLength)
        {
            return reader.GetString();
        }

        var utf8 = reader.ValueSpan;
        var recent = t_recent ??= new string?[Slots];
        foreach (var candidate in recent)
        {
            // Ascii.Equals is false for non-ASCII text, which then simply takes the allocating path.
            if (candidate is not null && candidate.Length == utf8.Length && Ascii.Equals(utf8, candidate))
            {
                return candidate;
            }
        }

        var value = reader.GetString()!;
        recent[t_next] = value;
        t_next = (t_next + 1) % Slots;
        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
