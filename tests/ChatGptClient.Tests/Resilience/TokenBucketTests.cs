using ChatGpt.Resilience.Internal;

namespace ChatGpt.Tests.Resilience;

/// <summary>Direct tests of one dimension of a budget: its burst allowance, remembered once it has grown to the whole
/// limit, must always equal the formula (one second's worth × growth^age, at most the limit).</summary>
public sealed class TokenBucketTests
{
    [Fact]
    public void BurstCapacity_EveryAgeAndEveryChange_EqualsTheFormula()
    {
        var bucket = new TokenBucket { BurstGrowthPerSecond = 2 };
        bucket.Learn(600, TimeSpan.FromMinutes(1), null, now: 0);

        // 10 a second, doubling each second, up to 600: full from about 5.9 s.
        for (var t = 0.0; t <= 7; t += 0.5)
        {
            Assert.Equal(Math.Min(600, 10 * Math.Pow(2, t)), bucket.BurstCapacity(t), precision: 6);
        }

        // The same limit over a day: one a second at most, so at 7 s the allowance is 2^7 = 128, far from full again.
        bucket.Learn(600, TimeSpan.FromDays(1), null, now: 7);
        Assert.Equal(128, bucket.BurstCapacity(7), precision: 6);

        // Back to a minute: full again; then a slower growth applies at once, also to a bucket that was full.
        bucket.Learn(600, TimeSpan.FromMinutes(1), null, now: 8);
        Assert.Equal(600, bucket.BurstCapacity(8), precision: 6);
        bucket.BurstGrowthPerSecond = 1.1;
        Assert.Equal(10 * Math.Pow(1.1, 8), bucket.BurstCapacity(8), precision: 6);

        // A configured limit below the learned one caps it (2 a second).
        bucket.Configure(120, now: 9);
        Assert.Equal(2 * Math.Pow(1.1, 9), bucket.BurstCapacity(9), precision: 6);
        Assert.Equal(120, bucket.BurstCapacity(100), precision: 6);
    }

    [Fact]
    public void BurstCapacity_ConfiguredLimitRemovedOnceFull_GrowsOnToTheLearnedOne()
    {
        var bucket = new TokenBucket { BurstGrowthPerSecond = 2 };
        bucket.Learn(600, TimeSpan.FromDays(1), null, now: 0);
        bucket.Configure(60, now: 0);
        Assert.Equal(60, bucket.BurstCapacity(7), precision: 6); // min(60, 2^7)

        bucket.Configure(null, now: 7);

        Assert.Equal(128, bucket.BurstCapacity(7), precision: 6); // min(600, 2^7)
    }

    [Fact]
    public void Refill_EarlierTimeThanTheLastOne_DoesNotGoBackInTime()
    {
        var bucket = new TokenBucket();
        bucket.Configure(60, now: 0);
        bucket.Take(60, now: 0);

        bucket.Refill(10);
        bucket.Refill(5); // feedback applied as of when it was observed
        bucket.Refill(10);

        Assert.Equal(10, bucket.Available, precision: 6);
    }
}
