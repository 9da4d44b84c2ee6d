using System.Globalization;
using System.Net.Http.Headers;

namespace ChatGpt.Diagnostics.Internal;

/// <summary>Reads the provider's response headers without throwing on values a compatible server got wrong.</summary>
internal static class HeaderReader
{
    public static string? Get(HttpResponseHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values) && values.Count > 0 ? GetFirst(values) : null;

    /// <summary>
    /// Parses the duration format OpenAI uses in <c>x-ratelimit-reset-*</c> (Go's: <c>1s</c>, <c>6m0s</c>, <c>20ms</c>,
    /// <c>1h2m3.5s</c>); a bare number is taken as seconds.
    /// </summary>
    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var span = text.AsSpan().Trim();
        if (span.IsEmpty)
        {
            return false;
        }

        if (double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out var bareSeconds))
        {
            return TryFromSeconds(bareSeconds, out value);
        }

        double totalSeconds = 0;
        while (!span.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < span.Length && (char.IsAsciiDigit(span[numberLength]) || span[numberLength] == '.'))
            {
                numberLength++;
            }

            if (numberLength == 0 || !double.TryParse(span[..numberLength], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            span = span[numberLength..];
            var unitLength = 0;
            while (unitLength < span.Length && !char.IsAsciiDigit(span[unitLength]) && span[unitLength] != '.')
            {
                unitLength++;
            }

            double scale = span[..unitLength] switch
            {
                "h" => 3600,
                "m" => 60,
                "s" => 1,
                "ms" => 1e-3,
                "us" or "µs" or "μs" => 1e-6,
                "ns" => 1e-9,
                _ => double.NaN,
            };
            if (double.IsNaN(scale))
            {
                return false;
            }

            totalSeconds += number * scale;
            span = span[unitLength..];
        }

        return TryFromSeconds(totalSeconds, out value);
    }

    private static bool TryFromSeconds(double seconds, out TimeSpan value)
    {
        if (seconds < 0 || double.IsNaN(seconds) || seconds >= TimeSpan.MaxValue.TotalSeconds)
        {
            value = TimeSpan.Zero;
            return false;
        }

        value = TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        return true;
    }

    private static string? GetFirst(HeaderStringValues values)
    {
        foreach (var value in values)
        {
            return value;
        }

        return null;
    }
}
