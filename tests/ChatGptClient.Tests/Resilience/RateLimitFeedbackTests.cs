using ChatGpt.Resilience.Internal;

namespace ChatGpt.Tests.Resilience;

public class RateLimitFeedbackTests
{
    [Fact]
    public void FromHeaders_ResetOfYears_NotLearnedAsADay()
    {
        var feedback = RateLimitFeedback.FromHeaders(new RateLimitSnapshot(null, 10, null, 1, null, TimeSpan.FromHours(999_999)));

        Assert.Equal(TimeSpan.FromMinutes(1), feedback.TokenWindow);
    }

    [Fact]
    public void FromHeaders_DailyLimit_LearnsDayWindow()
    {
        var feedback = RateLimitFeedback.FromHeaders(new RateLimitSnapshot(10_000, null, 9_000, null, TimeSpan.FromHours(2), null));

        Assert.Equal(TimeSpan.FromDays(1), feedback.RequestWindow);
    }

    [Theory]
    [InlineData(100_000_000, 99_999_976, 1)]      // 24 tokens of a large TPM: the reset reads "1ms", rounded up
    [InlineData(2_000_000, 1_999_998, 1)]
    [InlineData(6_000, 5_999, 10)]                // one request of 6,000 RPM: 10 ms
    public void FromHeaders_ResetRoundedUpToAMillisecond_StaysAMinute(long limit, long remaining, int resetMs)
    {
        var feedback = RateLimitFeedback.FromHeaders(new RateLimitSnapshot(null, limit, null, remaining, null, TimeSpan.FromMilliseconds(resetMs)));

        Assert.Equal(TimeSpan.FromMinutes(1), feedback.TokenWindow);
    }

    [Fact]
    public void FromHeaders_DailyTokenLimit_ShortResetStillLearnsADay()
    {
        // 1,000 tokens used of 1,000,000 per day: 86.4 s to get them back.
        var feedback = RateLimitFeedback.FromHeaders(new RateLimitSnapshot(null, 1_000_000, null, 999_000, null, TimeSpan.FromSeconds(86.4)));

        Assert.Equal(TimeSpan.FromDays(1), feedback.TokenWindow);
    }

    [Fact]
    public void FromHeaders_ImplausibleValues_IgnoredOrClamped()
    {
        var feedback = RateLimitFeedback.FromHeaders(new RateLimitSnapshot(0, long.MaxValue, 50, long.MaxValue, null, null));

        Assert.Null(feedback.RequestLimit);
        Assert.Null(feedback.TokenLimit);
        Assert.Equal(50, feedback.RemainingRequests);
        Assert.Equal(RateLimitFeedback.MaxPlausibleCount, feedback.RemainingTokens);
    }

    [Fact]
    public void FromHeaders_RemainingAboveLimit_ClampedToLimit()
    {
        Assert.Equal(100, RateLimitFeedback.FromHeaders(new RateLimitSnapshot(100, null, 5_000, null, null, null)).RemainingRequests);
    }

    [Theory]
    [InlineData(100, int.MaxValue, int.MaxValue - 100L)]
    [InlineData(100, int.MinValue, -100)]
    [InlineData(int.MaxValue, 6, 6L - int.MaxValue)]
    public void TokenCorrection_ExtremeUsage_NoOverflow(int estimated, int actual, long expected)
    {
        Assert.Equal(expected, RateLimitFeedback.TokenCorrection(estimated, actual));
    }
}
