using System.Threading.RateLimiting;
using ChatGpt.Resilience.Internal;
using Microsoft.Extensions.Time.Testing;

namespace ChatGpt.Tests.Resilience;

public class AdaptiveRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void AttemptAcquire_NoLimitKnown_AlwaysAcquired()
    {
        using var limiter = CreateSut();

        for (var i = 0; i < 10_000; i++)
        {
            Assert.True(limiter.AttemptAcquire(1_000).IsAcquired);
        }

        Assert.False(limiter.IsLimited);
    }

    [Fact]
    public void TryAcquireNow_BudgetLeftThenSpent_AcquiresThenDefersWithoutCountingFailure()
    {
        using var limiter = CreateSut(tokensPerMinute: 1_000);

        Assert.True(limiter.TryAcquireNow(600)?.IsAcquired);
        Assert.Null(limiter.TryAcquireNow(600));
        Assert.Null(limiter.TryAcquireNow(5_000));

        var statistics = limiter.GetStatistics()!;
        Assert.Equal(1, statistics.TotalSuccessfulLeases);
        Assert.Equal(0, statistics.TotalFailedLeases);
        Assert.Equal(400, limiter.TokenBudget.Available, precision: 0);
    }

    [Fact]
    public async Task AcquireAsync_RequestsPerMinute_QueuesUntilRefill()
    {
        using var limiter = CreateSut(requestsPerMinute: 60);
        for (var i = 0; i < 60; i++)
        {
            Assert.True(limiter.AttemptAcquire(0).IsAcquired);
        }

        var waiting = limiter.AcquireAsync(0).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(990));
        Assert.False(waiting.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(10));
        var lease = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public async Task AcquireAsync_LargeCallAtHead_SmallCallsBehindItDoNotOvertake()
    {
        using var limiter = CreateSut(tokensPerMinute: 6_000);
        Assert.True(limiter.AttemptAcquire(6_000).IsAcquired);

        var large = limiter.AcquireAsync(3_000).AsTask();
        var small = limiter.AcquireAsync(10).AsTask();

        // 100 tokens/s: after 1 s the small call would fit, but it waits its turn.
        _time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(10);
        Assert.False(large.IsCompleted);
        Assert.False(small.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.True((await large.WaitAsync(TimeSpan.FromSeconds(5))).IsAcquired);
        Assert.False(small.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True((await small.WaitAsync(TimeSpan.FromSeconds(5))).IsAcquired);
    }

    [Fact]
    public async Task AcquireAsync_ManyWaiters_ServedInArrivalOrder()
    {
        using var limiter = CreateSut(requestsPerMinute: 60);
        while (limiter.AttemptAcquire(0).IsAcquired)
        {
        }

        var waiters = Enumerable.Range(0, 20).Select(_ => limiter.AcquireAsync(0).AsTask()).ToArray();
        for (var i = 0; i < 20; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));

            // Each second admits exactly the next in line, never one behind it.
            Assert.True((await waiters[i].WaitAsync(TimeSpan.FromSeconds(5))).IsAcquired);
            Assert.All(waiters.Skip(i + 1), w => Assert.False(w.IsCompleted));
        }
    }

    [Fact]
    public async Task AcquireAsync_QueueFull_RejectedAtOnceWithRetryAfter()
    {
        using var limiter = CreateSut(requestsPerMinute: 60, queueLimit: 2);
        while (limiter.AttemptAcquire(0).IsAcquired)
        {
        }

        var first = limiter.AcquireAsync(0);
        var second = limiter.AcquireAsync(0);
        using var third = await limiter.AcquireAsync(0);

        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);
        Assert.False(third.IsAcquired);
        Assert.True(third.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(2.9), TimeSpan.FromSeconds(3.1));
        Assert.True(third.TryGetMetadata(MetadataName.ReasonPhrase, out var reason));
        Assert.Contains("queue is full", reason, StringComparison.Ordinal);
        Assert.Equal(2, limiter.GetStatistics()!.CurrentQueuedCount);
    }

    [Fact]
    public async Task AcquireAsync_QueueLimitZero_NeverWaits()
    {
        using var limiter = CreateSut(requestsPerMinute: 1, queueLimit: 0);
        Assert.True((await limiter.AcquireAsync(0)).IsAcquired);

        Assert.False((await limiter.AcquireAsync(0)).IsAcquired);
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileQueued_CancelsAndFreesTheHead()
    {
        using var limiter = CreateSut(tokensPerMinute: 600);
        Assert.True(limiter.AttemptAcquire(600).IsAcquired);
        using var cancellation = new CancellationTokenSource();
        var head = limiter.AcquireAsync(600, cancellation.Token).AsTask();
        var behind = limiter.AcquireAsync(5).AsTask();

        _time.Advance(TimeSpan.FromSeconds(1));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => head.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True((await behind.WaitAsync(TimeSpan.FromSeconds(5))).IsAcquired);
        Assert.Equal(0, limiter.GetStatistics()!.CurrentQueuedCount);
    }

    [Fact]
    public async Task AcquireAsync_CostAboveWholeBudget_RejectedAsNeverPossible()
    {
        using var limiter = CreateSut(tokensPerMinute: 1_000);

        using var lease = await limiter.AcquireAsync(1_001);

        Assert.False(lease.IsAcquired);
        Assert.True(lease.TryGetMetadata(MetadataName.ReasonPhrase, out var reason));
        Assert.Contains("could never pass", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pause_HoldsEveryCallUntilOver()
    {
        using var limiter = CreateSut();
        limiter.Pause(TimeSpan.FromSeconds(2));

        var waiting = limiter.AcquireAsync(0).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(1_999));
        await Task.Delay(10);
        Assert.False(waiting.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True((await waiting.WaitAsync(TimeSpan.FromSeconds(5))).IsAcquired);
    }

    [Fact]
    public void CorrectTokens_Overestimate_Refunded()
    {
        using var limiter = CreateSut(tokensPerMinute: 1_000);
        Assert.True(limiter.AttemptAcquire(800).IsAcquired);

        limiter.CorrectTokens(estimated: 800, actual: 100);

        Assert.Equal(900, limiter.TokenBudget.Available, precision: 3);
    }

    [Fact]
    public void CorrectTokens_Underestimate_Charged()
    {
        using var limiter = CreateSut(tokensPerMinute: 1_000);
        Assert.True(limiter.AttemptAcquire(100).IsAcquired);

        limiter.CorrectTokens(estimated: 100, actual: 1_500);

        Assert.Equal(-500, limiter.TokenBudget.Available, precision: 3);
        Assert.False(limiter.AttemptAcquire(1).IsAcquired);
    }

    [Fact]
    public void Observe_LimitAndRemaining_LearnedFromHeaders()
    {
        using var limiter = CreateSut();

        limiter.Observe(new RateLimitSnapshot(600, 150_000, 100, 120_000, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(12)));

        Assert.True(limiter.IsLimited);
        Assert.Equal((100, 600, 10), limiter.RequestBudget);
        Assert.Equal((120_000, 150_000, 2_500), limiter.TokenBudget);
    }

    [Fact]
    public void Observe_DailyLimit_LearnsDayWindow()
    {
        using var limiter = CreateSut();

        // 200 requests per day: one used, its slot comes back in 7m12s (86 400 s / 200).
        limiter.Observe(new RateLimitSnapshot(200, null, 199, null, TimeSpan.FromSeconds(432), null));

        Assert.Equal(200.0 / 86_400, limiter.RequestBudget.RatePerSecond, precision: 9);
    }

    [Fact]
    public void Observe_ConfiguredLimitLower_ConfiguredWins()
    {
        using var limiter = CreateSut(requestsPerMinute: 100);

        limiter.Observe(new RateLimitSnapshot(10_000, null, 9_999, null, TimeSpan.FromMilliseconds(6), null));

        Assert.Equal(100, limiter.RequestBudget.Capacity);
    }

    [Fact]
    public void Observe_RemainingHigherThanLocal_DoesNotRaiseBudget()
    {
        using var limiter = CreateSut(requestsPerMinute: 60);
        for (var i = 0; i < 60; i++)
        {
            limiter.AttemptAcquire(0);
        }

        limiter.Observe(new RateLimitSnapshot(60, null, 59, null, TimeSpan.FromSeconds(1), null));

        Assert.False(limiter.AttemptAcquire(0).IsAcquired);
    }

    [Fact]
    public void Observe_SimulatedServer_ConvergesWithoutRejections()
    {
        // A server allowing 600 requests per minute (a refilling bucket of 600, as OpenAI's), already half used by
        // others. The client knows nothing at first and sends as fast as its limiter lets it for two minutes.
        using var limiter = CreateSut();
        var serverAvailable = 300.0;
        const double serverRate = 10;
        int accepted = 0, rejected = 0;
        for (var tick = 0; tick < 12_000; tick++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(10));
            serverAvailable = Math.Min(600, serverAvailable + (serverRate * 0.01));
            while (limiter.AttemptAcquire(0).IsAcquired)
            {
                var ok = serverAvailable >= 1;
                if (ok)
                {
                    serverAvailable -= 1;
                    accepted++;
                }
                else
                {
                    rejected++;
                }

                var reset = TimeSpan.FromSeconds((600 - serverAvailable) / serverRate);
                limiter.Observe(new RateLimitSnapshot(600, null, (long)Math.Floor(serverAvailable), null, reset, null));
                if (!ok)
                {
                    limiter.Pause(TimeSpan.FromSeconds(1 / serverRate));
                }
            }
        }

        // Everything the server could give in 120 s: the 300 left plus 1200 refilled.
        Assert.Equal(0, rejected);
        Assert.InRange(accepted, 1_450, 1_500);
    }

    private AdaptiveRateLimiter CreateSut(int? requestsPerMinute = null, int? tokensPerMinute = null, int queueLimit = 1_000) =>
        new(_time, requestsPerMinute, tokensPerMinute, queueLimit);
}
