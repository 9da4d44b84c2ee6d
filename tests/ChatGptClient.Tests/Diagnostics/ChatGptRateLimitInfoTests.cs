using System.Net;
using ChatGpt.Diagnostics;

namespace ChatGpt.Tests.Diagnostics;

public sealed class ChatGptRateLimitInfoTests
{
    [Theory]
    [InlineData("1s", 1_000)]
    [InlineData("6m0s", 360_000)]
    [InlineData("20ms", 20)]
    [InlineData("1h2m3.5s", 3_723_500)]
    [InlineData("0.5", 500)]
    [InlineData("59.123s", 59_123)]
    [InlineData(" 7s ", 7_000)]
    public void ResetRequests_GoDuration_IsParsed(string header, long expectedMilliseconds)
    {
        var info = Create(("x-ratelimit-reset-requests", header));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), info.RateLimits.ResetRequests);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("5x")]
    [InlineData("-1s")]
    [InlineData("")]
    [InlineData("1e400")]
    public void ResetTokens_Garbage_IsNullNotAnError(string header)
    {
        var info = Create(("x-ratelimit-reset-tokens", header), ("x-ratelimit-remaining-tokens", "12"));

        Assert.Null(info.RateLimits.ResetTokens);
        Assert.Equal(12, info.RateLimits.RemainingTokens);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("1.5")]
    public void RemainingRequests_NotACount_IsNull(string header)
    {
        var info = Create(("x-ratelimit-remaining-requests", header));

        Assert.Null(info.RateLimits.RemainingRequests);
        Assert.True(info.RateLimits.IsEmpty);
    }

    [Fact]
    public void ToString_SomeValues_DescribesThem()
    {
        var limits = new ChatGptRateLimitInfo { RemainingRequests = 9, LimitRequests = 10, ResetRequests = TimeSpan.FromSeconds(1) };

        Assert.Equal("requests 9/10 (reset 00:00:01), tokens ?/? (reset ?)", limits.ToString());
    }

    private static ChatGptResponseInfo Create(params (string Name, string Value)[] headers)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return new ChatGptResponseInfo(response.StatusCode, response.Headers);
    }
}
