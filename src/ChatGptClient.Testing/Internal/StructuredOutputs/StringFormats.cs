using System.Globalization;

namespace ChatGpt.Testing.Internal;

/// <summary>Deterministic sample values for the JSON Schema string formats structured outputs support.</summary>
internal static class StringFormats
{
    /// <summary>A value of <paramref name="format"/>, seeded by <paramref name="seed"/> where the format allows
    /// variety (uuid), or <see langword="null"/> for a format without a sample (any text is then used).</summary>
    public static string? Sample(string format, string seed) => format switch
    {
        "email" or "idn-email" => "emulator@example.com",
        "date-time" => "2024-01-15T10:30:00Z",
        "date" => "2024-01-15",
        "time" => "10:30:00Z",
        "duration" => "P1DT2H30M",
        "uuid" => Uuid(seed),
        "ipv4" => "192.0.2.1",
        "ipv6" => "2001:db8::1",
        "hostname" or "idn-hostname" => "example.com",
        "uri" or "iri" => "https://example.com/emulator",
        "uri-reference" or "iri-reference" => "/emulator",
        "json-pointer" => "/emulator",
        "regex" => "^emulator$",
        _ => null,
    };

    private static string Uuid(string seed)
    {
        // A version-4-shaped UUID from the seed's hash: the same text always gives the same id.
        Span<uint> words = stackalloc uint[4];
        var hash = StableHash.Of(seed);
        for (var i = 0; i < words.Length; i++)
        {
            hash = (hash * 1103515245u) + 12345u;
            words[i] = hash ^ (hash >> 13);
        }

        var hex = string.Concat(
            words[0].ToString("x8", CultureInfo.InvariantCulture),
            words[1].ToString("x8", CultureInfo.InvariantCulture),
            words[2].ToString("x8", CultureInfo.InvariantCulture),
            words[3].ToString("x8", CultureInfo.InvariantCulture));
        return string.Create(CultureInfo.InvariantCulture, $"{hex[..8]}-{hex[8..12]}-4{hex[13..16]}-a{hex[17..20]}-{hex[20..32]}");
    }
}
