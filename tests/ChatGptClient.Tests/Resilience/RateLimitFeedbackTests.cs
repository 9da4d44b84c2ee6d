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
