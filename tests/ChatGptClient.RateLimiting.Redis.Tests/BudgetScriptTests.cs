using ChatGpt.RateLimiting.Redis.Tests.Infrastructure;

namespace ChatGpt.RateLimiting.Redis.Tests;

/// <summary>The budget scripts, run directly against real servers with a test clock: the rules of the in-process store,
/// applied atomically in Redis.</summary>
public class BudgetScriptTests(SharedRedisServers servers) : IClassFixture<SharedRedisServers>
{
    private const int Probing = 1, Limited = 2, Unlimited = 3;
    private const int Requests = 1, Tokens = 2, Paused = 3, Probe = 4, AccountRequests = 5;

    [Theory]
    [OnGarnet]
    [OnRedisServer]
    public async Task Acquire_ColdBudget_GrantsOneProbeAndHoldsTheRestUntilItReports(RedisServerKind kind)
    {
        var budget = await HarnessAsync(kind);

        var probe = await budget.AcquireAsync(10);
        var held = await budget.AcquireAsync(10);
        await budget.ReportAsync(requestLimit: 600, remainingRequests: 599, tokenLimit: 100_000, remainingTokens: 99_990, probeEnded: true);
        var after = await budget.AcquireAsync(10);

        Assert.True(probe.Granted);
        Assert.True(probe.IsProbe);
        Assert.Equal(Probing, probe.Phase);
        Assert.False(held.Granted);
        Assert.Equal(Probe, held.Reason);
        Assert.Equal(0.05, held.WaitSeconds, 6);   // asks again soon: the prober may be another replica
        Assert.True(after.Granted);
        Assert.False(after.IsProbe);
        Assert.Equal(Limited, after.Phase);
        Assert.Equal(600, after.RequestLimit);
        Assert.Equal(100_000, after.TokenLimit);
        Assert.True(after.IsLearned);
    }

    [Theory]
    [OnGarnet]
    [OnRedisServer]
    public async Task Acquire_ProbeTimesOut_TheNextCallProbes(RedisServerKind kind)
    {
        var budget = await HarnessAsync(kind);

        await budget.AcquireAsync();
        budget.Now += 29.9;
        var stillHeld = await budget.AcquireAsync();
        budget.Now += 0.1;
        var next = await budget.AcquireAsync();

        Assert.Equal(Probe, stillHeld.Reason);
        Assert.True(next.IsProbe);
    }

    [Theory]
    [OnGarnet]
    [OnRedisServer]
    public async Task Acquire_AfterLearning_Releases90PercentOfOneSecondsWorthThenWaitsExactly(RedisServerKind kind)
    {
        var budget = await LearnedAsync(kind, requests: 600);

        var granted = 0;
        RedisBudgetReplyView refused = default;
        for (var i = 0; i < 20; i++)
        {
            var reply = await budget.AcquireAsync();
            if (!reply.Granted)
            {
                refused = new(reply.Reason, reply.WaitSeconds);
                break;
            }

            granted++;
        }

        Assert.Equal(9, granted);                   // 600 per minute: 90 % of one second's worth at once
        Assert.Equal(Requests, refused.Reason);
        Assert.Equal(0.1, refused.Wait, 6);         // one request at 10 a second
    }

    [Theory]
    [OnGarnet]
    [OnRedisServer]
    public async Task Acquire_NoThrottle_BurstGrowsEachSecond_Throttled_StaysAtOneSecondsWorth(RedisServerKind kind)
    {
        var growing = await LearnedAsync(kind, requests: 600);
        var throttled = await LearnedAsync(kind, requests: 600);
        await throttled.ReportAsync(throttled: true);

        growing.Now += 1;
        throttled.Now += 1;

        Assert.Equal(12, await CountGrantsAsync(growing));     // 10 × 1.25 after one second
        Assert.Equal(9, await CountGrantsAsync(throttled));    // emptied by the 429, refilled at 90 % of 10 a second
        Assert.True((await throttled.AcquireAsync()).IsThrottled);
    }

    [Theory]
    [OnGarnet]
    [OnRedisServer]
    public async Task Acquire_CountsTheReplicasThatAcquiredLately(RedisServerKind kind)
    {
        var budget = await LearnedAsync(kind, requests: 600);

        var alone = await budget.AcquireAsync();
        budget.ReplicaId = "replica-b";
        var two = await budget.AcquireAsync();
        budget.ReplicaId = "replica-c";
        budget.Now += 11;                                       // a and b have not acquired for longer than 10 s
        var afterSilence = await budget.AcquireAsync();

        Assert.Equal(1, alone.Replicas);
        Assert.Equal(2, two.Replicas);
        Assert.Equal(1, afterSilence.Replicas);
    }

    [Theory]
    [OnGarnet]
    [OnRedisServer]
    public async Task Report_RemainingBudget_OnlyLowersTheBucket(RedisServerKind kind)
    {
        var budget = await LearnedAsync(kind, requests: 600);

        var lowered = await budget.ReportAsync(requestLimit: 600, remainingRequests: 3);
        var notRaised = await budget.ReportAsync(requestLimit: 600, remainingRequests: 500);

        Assert.Equal(3, lowered.RequestsAvailable!.Value, 6);
        Assert.Equal(3, notRaised.RequestsAvailable!.Value, 6);
        Assert.Equal(3, await CountGrantsAsync(budget));
    }

    [Theory]
    [OnGarnet]
    [OnRedisServer]
    public async Task Report_Pause_HoldsTheBudgetCappedAtOneMinute(RedisServerKind kind)
    {
        var budget = await LearnedAsync(kind, requests: 600);

        await budget.ReportAsync(pause: 2);
        var paused = await budget.AcquireAsync();
        await budget.ReportAsync(pause: 3_600);
        var capped = await budget.AcquireAsync();
        await budget.ReportAsync(pause: 1);
        var longerWins = await budget.AcquireAsync();

        Assert.Equal(Paused, paused.Reason);
        Assert.Equal(2, paused.WaitSeconds, 6);
        Assert.Equal(60, capped.WaitSeconds, 6);
        Assert.Equal(60, longerWins.WaitSeconds, 6);
    }

    [Theory]
    [OnGarnet]
    [OnRedisServer]
    public async Task Report_TokenCorrections_ChargeAtMostOneLimitAndTheDebtStopsAtMinusOneLimit(RedisServerKind kind)
    {
        var budget = await LearnedAsync(kind, tokens: 1_000);

        var first = await budget.ReportAsync(tokenCorrection: 5_000);
        var second = await budget.ReportAsync(tokenCorrection: 5_000);
        var refund = await budget.ReportAsync(tokenCorrection: -300);

        Assert.Equal(0, first.TokensAvailable!.Value, 6);
        Assert.Equal(-1_000, second.TokensAvailable!.Value, 6);
        Assert.Equal(-700, refund.TokensAvailable!.Value, 6);
    }

    [Theory]
    [OnGarnet]
    [OnRedisServer]
    public async Task Acquire_ZeroTokens_IsNeverHeldByATokenDebt(RedisServerKind kind)
    {
        var budget = await LearnedAsync(kind, requests: 600, tokens: 1_000);
        await budget.ReportAsync(tokenCorrection: 2_000);

        var free = await budget.AcquireAsync(0);
        var costly = await budget.AcquireAsync(1);

        Assert.True(free.Granted);
        Assert.Equal(Tokens, costly.Reason);
    }

    [Theory]
    [OnGarnet]
    [OnRedisServer]
    public async Task Acquire_CostAboveTheWholeTokenLimit_IsGrantedWhenTheBucketIsFull(RedisServerKind kind)
    {
        var budget = await HarnessAsync(kind);
        budget.TokensPerMinute = 1_000;    // configured only: no burst allowance

        var huge = await budget.AcquireAsync(5_000);
        var next = await budget.AcquireAsync(1);

        Assert.True(huge.Granted);
        Assert.Equal(-1_000, huge.TokensAvailable!.Value, 6);   // the debt stops at one whole limit
        Assert.Equal(Tokens, next.Reason);
    }

    [Theory]
    [OnGarnet]
    [OnRedisServer]
    public async Task Acquire_LearnedLimitsNotConfirmed_ExpireAndTheBudgetProbesAgain(RedisServerKind kind)
    {
        var budget = await LearnedAsync(kind, requests: 600);

        budget.Now += 60.5;
        var expired = await budget.AcquireAsync();

        Assert.True(expired.IsProbe);
        Assert.False(expired.IsLearned);
    }

    [Theory]
    [OnGarnet]
    [OnRedisServer]
    public async Task Report_NoLimitsReported_MakesTheBudgetUnlimitedForTheLifetime(RedisServerKind kind)
    {
        var budget = await HarnessAsync(kind);
        await budget.AcquireAsync();
        var unlimited = await budget.ReportAsync(noLimits: true, probeEnded: true);
        var grants = await CountGrantsAsync(budget, max: 20);
        budget.Now += 61;
        var cold = await budget.AcquireAsync();

        Assert.Equal(Unlimited, unlimited.Phase);
        Assert.Equal(20, grants);
        Assert.True(cold.IsProbe);
    }

    [Theory]
    [OnGarnet]
    [OnRedisServer]
    public async Task Acquire_AccountWideLimit_IsSharedByEveryModelBudget(RedisServerKind kind)
    {
        var budget = await HarnessAsync(kind);
        budget.Learn = false;
        budget.AccountRequestsPerMinute = 2;

        var a = await budget.AcquireAsync(key: budget.Key + ":a", accountWide: true);
        var b = await budget.AcquireAsync(key: budget.Key + ":b", accountWide: true);
        var c = await budget.AcquireAsync(key: budget.Key + ":c", accountWide: true);

        Assert.True(a.Granted);
        Assert.True(b.Granted);
        Assert.Equal(AccountRequests, c.Reason);
        Assert.Equal(30, c.WaitSeconds, 6);
    }

    [Theory]
    [OnGarnet]
    [OnRedisServer]
    public async Task Acquire_ServerClock_RefillsWithRealTime(RedisServerKind kind)
    {
        var budget = await HarnessAsync(kind);
        budget.Now = -1;   // the server's TIME
        budget.RequestsPerMinute = 60_000;
        budget.Learn = false;

        var first = await budget.AcquireAsync();

        Assert.True(first.Granted);
        Assert.Equal(Limited, first.Phase);
        Assert.InRange(first.RequestsAvailable!.Value, 59_998, 59_999);
    }

    [Theory]
    [OnGarnet]
    [OnRedisServer]
    public async Task Scripts_EveryWrite_SetsTheKeyExpiry_NeverShorterThanTwiceTheLearnedLifetime(RedisServerKind kind)
    {
        var (_, connection) = await servers.GetAsync(kind);
        var configured = new BudgetScriptHarness(connection.GetDatabase()) { TtlMilliseconds = 600_000 };
        var tooShort = new BudgetScriptHarness(connection.GetDatabase()) { TtlMilliseconds = 5_000 };

        await configured.AcquireAsync();
        await tooShort.AcquireAsync();

        var ttl = await connection.GetDatabase().KeyTimeToLiveAsync(configured.Key);
        var floored = await connection.GetDatabase().KeyTimeToLiveAsync(tooShort.Key);
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(590), TimeSpan.FromSeconds(600));
        Assert.InRange(floored!.Value, TimeSpan.FromSeconds(110), TimeSpan.FromSeconds(120));   // 2 × the 60 s lifetime
    }

    private async Task<BudgetScriptHarness> HarnessAsync(RedisServerKind kind)
    {
        var (_, connection) = await servers.GetAsync(kind);
        return new BudgetScriptHarness(connection.GetDatabase());
    }

    private async Task<BudgetScriptHarness> LearnedAsync(RedisServerKind kind, long? requests = null, long? tokens = null)
    {
        var budget = await HarnessAsync(kind);
        await budget.AcquireAsync();
        await budget.ReportAsync(requestLimit: requests, remainingRequests: requests, tokenLimit: tokens, remainingTokens: tokens, probeEnded: true);
        return budget;
    }

    private static async Task<int> CountGrantsAsync(BudgetScriptHarness budget, int max = 100)
    {
        var granted = 0;
        while (granted < max && (await budget.AcquireAsync()).Granted)
        {
            granted++;
        }

        return granted;
    }

    private readonly record struct RedisBudgetReplyView(int Reason, double Wait);
}
