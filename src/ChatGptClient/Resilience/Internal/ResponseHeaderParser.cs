using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace ChatGpt.Resilience.Internal;

/// <summary>
/// Reads the headers by which OpenAI (and compatible servers) say when to retry and how much budget is left:
/// <c>retry-after-ms</c>, <c>Retry-After</c>, <c>x-should-retry</c> and the <c>x-ratelimit-*</c> family.
/// </summary>
/// <remarks>
/// The one set of parsing rules for these headers (one duration parser, one count parser), applied once per response by
/// <see cref="Http.Internal.ResponseMetadata"/>, which every layer reads. Parsing never throws: a malformed header counts
/// as absent.
/// </remarks>
internal static class ResponseHeaderParser
{
    public const string RetryAfterMs = "retry-after-ms";
    public const string RetryAfter = "Retry-After";
    public const string ShouldRetry = "x-should-retry";
    public const string RequestId = "x-request-id";
    public const string LimitRequests = "x-ratelimit-limit-requests";
    public const string LimitTokens = "x-ratelimit-limit-tokens";
    public const string RemainingRequests = "x-ratelimit-remaining-requests";
    public const string RemainingTokens = "x-ratelimit-remaining-tokens";
    public const string ResetRequests = "x-ratelimit-reset-requests";
    public const string ResetTokens = "x-ratelimit-reset-tokens";

    public const string RateLimitPrefix = "x-ratelimit-";

    /// <summary>The longest wait a header can express here; larger values are clamped so that date arithmetic on them
    /// cannot overflow. Any value this large is far beyond every retry cap, so the request fails at once anyway.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromDays(365);

    /// <summary>Parses <c>retry-after-ms</c>: a non-negative number of milliseconds, fractions allowed.</summary>
    public static TimeSpan? ParseRetryAfterMs(string? value) => ParseMilliseconds(value);

    /// <summary>Parses a non-negative number of milliseconds, fractions allowed (<c>retry-after-ms</c>,
    /// <c>openai-processing-ms</c>), at most <see cref="MaxWait"/>; whole numbers without the general-purpose parser.</summary>
    public static TimeSpan? ParseMilliseconds(string? value)
    {
        if (!TryParseNonNegativeNumber(value, out var milliseconds))
        {
            return null;
        }

        return milliseconds >= MaxWait.TotalMilliseconds ? MaxWait : TimeSpan.FromMilliseconds(milliseconds);
    }

    /// <summary>Parses <c>Retry-After</c>: delay-seconds (fractions tolerated, as the official SDKs do) or an HTTP
    /// date. A date in the past means no wait.</summary>
    public static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (TryParseNonNegativeNumber(value, out var seconds))
        {
            return seconds >= MaxWait.TotalSeconds ? MaxWait : TimeSpan.FromSeconds(seconds);
        }

        // The framework's parser knows the three HTTP date formats (RFC 1123, RFC 850, asctime).
        if (RetryConditionHeaderValue.TryParse(value.Trim(), out var parsed) && parsed.Date is { } date)
        {
            var wait = date - now;
            return wait <= TimeSpan.Zero ? TimeSpan.Zero : wait >= MaxWait ? MaxWait : wait;
        }

        return null;
    }

    /// <summary>Parses <c>x-should-retry</c>: the server's explicit verdict, which overrides the status rules.</summary>
    public static bool? ParseShouldRetry(string? value)
    {
        var span = value.AsSpan().Trim();
        if (span.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return span.Equals("false", StringComparison.OrdinalIgnoreCase) ? false : null;
    }

    /// <summary>
    /// Parses the durations of <c>x-ratelimit-reset-*</c>, written the way Go prints durations: <c>1s</c>, <c>6m0s</c>,
    /// <c>250ms</c>, <c>1h2m3.5s</c>, <c>20ms</c>. Also accepts <c>d</c>, <c>us</c>/<c>µs</c>, <c>ns</c> and a bare
    /// number of seconds, which some compatible servers send.
    /// </summary>
    /// <returns>The duration, or <see langword="null"/> when the text is not one.</returns>
    public static TimeSpan? ParseDuration(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.AsSpan().Trim();
        if (char.IsAsciiDigit(text[^1]) && TryParseNonNegativeNumber(text, out var bareSeconds))
        {
            return bareSeconds >= MaxWait.TotalSeconds ? MaxWait : TimeSpan.FromSeconds(bareSeconds);
        }

        double totalSeconds = 0;
        while (!text.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < text.Length && (char.IsAsciiDigit(text[numberLength]) || text[numberLength] == '.'))
            {
                numberLength++;
            }

            if (numberLength == 0 || !TryParseNonNegativeNumber(text[..numberLength], out var number))
            {
                return null;
            }

            text = text[numberLength..];
            var unitLength = 0;
            while (unitLength < text.Length && !char.IsAsciiDigit(text[unitLength]) && text[unitLength] != '.')
            {
                unitLength++;
            }

            double? unitSeconds = text[..unitLength] switch
            {
                "d" => 86_400,
                "h" => 3_600,
                "m" => 60,
                "s" => 1,
                "ms" => 1e-3,
                "us" or "µs" or "μs" => 1e-6,
                "ns" => 1e-9,
                _ => null,
            };
            if (unitSeconds is not { } factor)
            {
                return null;
            }

            totalSeconds += number * factor;
            text = text[unitLength..];
        }

        return totalSeconds >= MaxWait.TotalSeconds ? MaxWait : TimeSpan.FromSeconds(totalSeconds);
    }

    /// <summary>Parses a count of the <c>x-ratelimit-limit-*</c>/<c>remaining-*</c> headers: a non-negative whole
    /// number (a fraction or a sign is not a count); values beyond <see cref="long.MaxValue"/> are clamped.</summary>
    public static long? ParseCount(string? value)
    {
        var span = value.AsSpan().Trim();
        if (span.IsEmpty)
        {
            return null;
        }

        if (span.Length <= 18)
        {
            return TryParseDigits(span, out var whole) ? whole : null;
        }

        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return null;
            }
        }

        return long.MaxValue;
    }

    private static bool TryParseNonNegativeNumber(ReadOnlySpan<char> value, out double number)
    {
        value = value.Trim();

        // Whole numbers of up to 15 digits (what these headers carry) are exact in a double: parsed without the
        // general-purpose parser, as this runs for several headers of every response.
        if (value.Length is > 0 and <= 15 && TryParseDigits(value, out var whole))
        {
            number = whole;
            return true;
        }

        return double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
    }

    private static bool TryParseDigits(ReadOnlySpan<char> digits, out long value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    /// <summary>The first value of a header.</summary>
    public static bool TryGetFirst(HeaderStringValues values, out string value)
    {
        foreach (var first in values)
        {
            value = first;
            return true;
        }

        value = string.Empty;
        return false;
    }
}
