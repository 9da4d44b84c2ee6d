using System.Globalization;
using System.Text;

namespace ChatGpt.Testing.Internal;

/// <summary>Formats durations the way the API's <c>x-ratelimit-reset-*</c> headers do (Go's <c>time.Duration</c>):
/// <c>250ms</c>, <c>1s</c>, <c>8.64s</c>, <c>6m0s</c>, <c>1h2m3s</c>.</summary>
internal static class DurationFormat
{
    public static string Format(TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            return "0s";
        }

        if (value < TimeSpan.FromSeconds(1))
        {
            var ms = Math.Max(1, (int)Math.Ceiling(value.TotalMilliseconds));
            return ms.ToString(CultureInfo.InvariantCulture) + "ms";
        }

        var builder = new StringBuilder();
        var hours = (long)value.TotalHours;
        if (hours > 0)
        {
            builder.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (hours > 0 || value.Minutes > 0)
        {
            builder.Append(value.Minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        // Millisecond precision is what the API shows; trailing zeros are trimmed like Go does.
        var seconds = Math.Round(value.Seconds + (value.Milliseconds / 1000.0), 3);
        builder.Append(seconds.ToString("0.###", CultureInfo.InvariantCulture)).Append('s');
        return builder.ToString();
    }
}
