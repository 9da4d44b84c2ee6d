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

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData(" false ", false)]
    [InlineData("maybe", null)]
    [InlineData(null, null)]
    public void ParseShouldRetry_Values_Parsed(string? value, bool? expected) =>
        Assert.Equal(expected, ResponseHeaderParser.ParseShouldRetry(value));

    [Theory]
    [InlineData("10000", 10_000L)]
    [InlineData(" 7 ", 7L)]
    [InlineData("99999999999999999999999", long.MaxValue)]
    [InlineData("1.5", null)]
    [InlineData("-1", null)]
    [InlineData("lots", null)]
    [InlineData("", null)]
    public void ParseCount_Values_WholeNumbersOnly(string value, long? expected) =>
        Assert.Equal(expected, ResponseHeaderParser.ParseCount(value));

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
}
