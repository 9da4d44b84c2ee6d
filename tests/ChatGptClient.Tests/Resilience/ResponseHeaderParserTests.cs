using System.Net.Http.Headers;
using ChatGpt.Resilience.Internal;

namespace ChatGpt.Tests.Resilience;

public class ResponseHeaderParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("1s", 1_000)]
    [InlineData("6m0s", 360_000)]
    [InlineData("250ms", 250)]
    [InlineData("1h2m3.5s", 3_723_500)]
    [InlineData("20ms", 20)]
    [InlineData("0s", 0)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2d", 172_800_000)]
    [InlineData("500us", 0.5)]
    [InlineData("7", 7_000)]
    [InlineData(" 3s ", 3_000)]
    public void ParseDuration_GoStyleDurations_Parsed(string value, double expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), ResponseHeaderParser.ParseDuration(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("5x")]
    [InlineData("s")]
    [InlineData("-1s")]
    [InlineData("1s2")]
    public void ParseDuration_Malformed_Null(string? value) => Assert.Null(ResponseHeaderParser.ParseDuration(value));

    [Theory]
    [InlineData("1500", 1_500)]
    [InlineData("0", 0)]
    [InlineData("12.5", 12.5)]
    public void ParseRetryAfterMs_Numbers_Parsed(string value, double expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), ResponseHeaderParser.ParseRetryAfterMs(value));

    [Theory]
    [InlineData("-5")]
    [InlineData("abc")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("")]
    public void ParseRetryAfterMs_Unusable_Null(string value) => Assert.Null(ResponseHeaderParser.ParseRetryAfterMs(value));

    [Theory]
    [InlineData("0", 0)]
    [InlineData("2", 2)]
    [InlineData("1.5", 1.5)]
    [InlineData("120", 120)]
    public void ParseRetryAfter_Seconds_Parsed(string value, double expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), ResponseHeaderParser.ParseRetryAfter(value, Now));

    [Fact]
    public void ParseRetryAfter_HttpDateInFuture_WaitUntilIt() =>
        Assert.Equal(TimeSpan.FromSeconds(30), ResponseHeaderParser.ParseRetryAfter(Now.AddSeconds(30).ToString("r"), Now));

    [Fact]
    public void ParseRetryAfter_HttpDateInPast_Zero() =>
        Assert.Equal(TimeSpan.Zero, ResponseHeaderParser.ParseRetryAfter(Now.AddSeconds(-30).ToString("r"), Now));

    [Theory]
    [InlineData("-5")]
    [InlineData("soon")]
    [InlineData("Mon, 99 Foo 2026")]
    [InlineData("   ")]
    public void ParseRetryAfter_Malformed_Null(string value) => Assert.Null(ResponseHeaderParser.ParseRetryAfter(value, Now));

    [Theory]
    [InlineData("99999999999999999999")]
    [InlineData("1e400")]
    public void ParseRetryAfter_Huge_ClampedToMaxWait(string value)
    {
        var parsed = ResponseHeaderParser.ParseRetryAfter(value, Now);
        Assert.True(parsed is null || parsed == ResponseHeaderParser.MaxWait);
        Assert.Equal(ResponseHeaderParser.MaxWait, ResponseHeaderParser.ParseRetryAfter("99999999999999999999", Now));
    }

    [Fact]
    public void GetRetryAfter_BothHeaders_MillisecondsWin()
    {
        var headers = Headers(("retry-after-ms", "250"), ("Retry-After", "7"));
        Assert.Equal(TimeSpan.FromMilliseconds(250), ResponseHeaderParser.GetRetryAfter(headers, Now));
    }

    [Fact]
    public void GetRetryAfter_MalformedMilliseconds_FallsBackToRetryAfter()
    {
        var headers = Headers(("retry-after-ms", "soon"), ("Retry-After", "7"));
        Assert.Equal(TimeSpan.FromSeconds(7), ResponseHeaderParser.GetRetryAfter(headers, Now));
    }

    [Fact]
    public void GetRetryAfter_None_Null() => Assert.Null(ResponseHeaderParser.GetRetryAfter(Headers(), Now));

    [Fact]
    public void GetServerWait_429WithoutRetryAfter_ResetOfSpentBudget()
    {
        var headers = Headers(("x-ratelimit-remaining-tokens", "0"), ("x-ratelimit-reset-tokens", "12s"));

        Assert.Equal(TimeSpan.FromSeconds(12), ResponseHeaderParser.GetServerWait(System.Net.HttpStatusCode.TooManyRequests, headers, Now));
        Assert.Null(ResponseHeaderParser.GetServerWait(System.Net.HttpStatusCode.ServiceUnavailable, headers, Now));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData(" false ", false)]
    [InlineData("maybe", null)]
    public void GetShouldRetry_Values_Parsed(string value, bool? expected) =>
        Assert.Equal(expected, ResponseHeaderParser.GetShouldRetry(Headers(("x-should-retry", value))));

    [Fact]
    public void GetShouldRetry_Missing_Null() => Assert.Null(ResponseHeaderParser.GetShouldRetry(Headers()));

    [Fact]
    public void GetRateLimits_AllHeaders_Parsed()
    {
        var limits = ResponseHeaderParser.GetRateLimits(Headers(
            ("x-ratelimit-limit-requests", "10000"),
            ("x-ratelimit-limit-tokens", "2000000"),
            ("x-ratelimit-remaining-requests", "9999"),
            ("x-ratelimit-remaining-tokens", "1999950"),
            ("x-ratelimit-reset-requests", "6ms"),
            ("x-ratelimit-reset-tokens", "1ms")));

        Assert.Equal(new RateLimitSnapshot(10_000, 2_000_000, 9_999, 1_999_950, TimeSpan.FromMilliseconds(6), TimeSpan.FromMilliseconds(1)), limits);
        Assert.True(limits.HasAny);
    }

    [Fact]
    public void GetRateLimits_MixedCaseAmongOtherHeaders_Parsed()
    {
        var limits = ResponseHeaderParser.GetRateLimits(Headers(
            ("x-request-id", "req_1"),
            ("X-RateLimit-Remaining-Tokens", "42"),
            ("x-ratelimit-limit-tokens-usage-based", "7"),
            ("x-ratelimit-reset-tokens", "1m0s")));

        Assert.Equal(new RateLimitSnapshot(null, null, null, 42, null, TimeSpan.FromMinutes(1)), limits);
    }

    [Fact]
    public void GetRateLimits_MalformedValues_Ignored()
    {
        var limits = ResponseHeaderParser.GetRateLimits(Headers(("x-ratelimit-limit-requests", "lots"), ("x-ratelimit-remaining-requests", "-1"), ("x-ratelimit-reset-requests", "later")));

        Assert.False(limits.HasAny);
    }

    [Fact]
    public void SuggestedWait_ExhaustedBudget_ItsReset()
    {
        var limits = new RateLimitSnapshot(60, 100_000, 0, 50_000, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(6));
        Assert.Equal(TimeSpan.FromSeconds(2), limits.SuggestedWait);
    }

    [Fact]
    public void SuggestedWait_NoneExhausted_LongerReset()
    {
        var limits = new RateLimitSnapshot(60, 100_000, 5, 50, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(9));
        Assert.Equal(TimeSpan.FromSeconds(9), limits.SuggestedWait);
    }

    private static HttpResponseHeaders Headers(params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage();
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response.Headers;
    }
}
