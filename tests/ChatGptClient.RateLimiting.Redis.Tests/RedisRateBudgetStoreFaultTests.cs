using ChatGpt.RateLimiting.Redis.Tests.Infrastructure;
using ChatGpt.Resilience;

namespace ChatGpt.RateLimiting.Redis.Tests;

/// <summary>Redis down, slow or restarting never fails a call: the store falls back to the local limiter seeded with the
/// last shared state, logs one warning, and rejoins when Redis answers again. Real servers, killed and restarted.</summary>
public class RedisRateBudgetStoreFaultTests
{
    private const int UnavailableEvent = 3101;
    private const int RejoinedEvent = 3102;

    [Theory]
    [OnGarnet]
    [OnRedisServer]
    public async Task TryAcquire_ServerKilledAndRestarted_FallsBackSeededLogsOneWarningAndRejoins(RedisServerKind kind)
    {
        await using var server = await TestRedisServer.StartAsync(kind);
        await using var store = new StoreHarness(server.ConnectionString);
        await store.WaitConnectedAsync();
        await store.LearnAsync();

        await server.KillAsync();
        var during = new List<ChatGptRateBudgetAcquisition>();
        for (var i = 0; i < 5; i++)
        {
            during.Add(await store.AcquireAsync(100, stalled: true));
        }

        Assert.False(store.Store.IsShared);
        Assert.All(during, a => Assert.True(a.Acquired));
        Assert.All(during, a => Assert.False(a.IsProbe));          // seeded: no second cold start in the outage
        Assert.Equal(600, during[0].Budget.RequestLimit);
        Assert.Equal(100_000, during[0].Budget.TokenLimit);
        Assert.Single(store.Logs.GetSnapshot(), r => r.Id.Id == UnavailableEvent);

        await server.RestartAsync();
        await store.WaitConnectedAsync();
        store.Time.Advance(store.Options.RetryInterval);
        var back = await store.AcquireAsync();

        Assert.True(store.Store.IsShared);
        Assert.True(back.IsProbe);                                  // the restarted server is empty: one shared probe relearns
        Assert.Single(store.Logs.GetSnapshot(), r => r.Id.Id == RejoinedEvent);
        Assert.Single(store.Logs.GetSnapshot(), r => r.Id.Id == UnavailableEvent);
    }

    [Theory]
    [OnGarnet]
    [OnRedisServer]
    public async Task TryAcquire_ServerSlowerThanTheBudget_GoesLocalAtTheTimeoutAndRetriesAfterTheInterval(RedisServerKind kind)
    {
        await using var server = await TestRedisServer.StartAsync(kind);
        await using var proxy = FaultProxy.For(server);
        await using var store = new StoreHarness(proxy.ConnectionString);
        await store.WaitConnectedAsync();
        await store.LearnAsync();

        proxy.Hold();
        var firstSlow = await store.AcquireAsync(stalled: true);   // answers locally once the fake clock passes the 50 ms budget
        var stillShared = store.Store.IsShared;                    // one late answer does not leave Redis
        await store.AcquireAsync(stalled: true);
        var slow = await store.AcquireAsync(stalled: true);        // the third in a row does
        var beforeRetry = await store.AcquireAsync();              // completes at once: Redis is not asked again yet

        Assert.True(firstSlow.Acquired);
        Assert.Equal(600, firstSlow.Budget.RequestLimit);          // seeded from the shared state
        Assert.True(stillShared);
        Assert.True(slow.Acquired);
        Assert.Equal(600, slow.Budget.RequestLimit);
        Assert.True(beforeRetry.Acquired);
        Assert.False(store.Store.IsShared);
        var warning = Assert.Single(store.Logs.GetSnapshot(), r => r.Id.Id == UnavailableEvent);
        Assert.Contains("slow: no answer within 50 ms", warning.Message);

        proxy.Release();
        store.Time.Advance(store.Options.RetryInterval);
        var back = await store.AcquireAsync();

        Assert.True(store.Store.IsShared);
        Assert.True(back.Acquired);
        Assert.Equal(600, back.Budget.RequestLimit);                // the shared state survived: Redis only stalled
    }

    [Theory]
    [OnGarnet]
    [OnRedisServer]
    public async Task Outage_TwoReplicasSharedTheAccount_EachPacesWithItsShare(RedisServerKind kind)
    {
        await using var server = await TestRedisServer.StartAsync(kind);
        await using var proxy = FaultProxy.For(server);
        await using var store = new StoreHarness(proxy.ConnectionString);
        await using var other = new StoreHarness(server.ConnectionString);
        await store.WaitConnectedAsync();
        await other.WaitConnectedAsync();
        await store.LearnAsync();                                   // 600 RPM, 100,000 TPM in Redis
        other.Time.AdjustTime(store.Time.GetUtcNow());
        Assert.True((await other.Store.TryAcquireAsync(store.Key, store.Policy, 0, CancellationToken.None)).Acquired);
        await store.AcquireAsync();                                 // the account has two replicas now

        proxy.Hold();
        var alone = await store.AcquireAsync(stalled: true);        // answered by the local limiter, seeded with half
        await store.ReportAsync(new ChatGptRateBudgetFeedback { RequestLimit = 600, RequestWindow = TimeSpan.FromMinutes(1), RemainingRequests = 590 }, stalled: true);
        var afterHeaders = await store.AcquireAsync(stalled: true);

        Assert.True(alone.Acquired);
        Assert.Equal(300, alone.Budget.RequestLimit);
        Assert.Equal(50_000, alone.Budget.TokenLimit);
        Assert.Equal(300, afterHeaders.Budget.RequestLimit);        // the server's whole-account headers, shared too
        Assert.True(afterHeaders.Budget.RequestsAvailable <= 295);
    }

    [Theory]
    [OnGarnet]
    public async Task Report_ProbeEndLostInAnOutage_IsReportedAtTheRejoin(RedisServerKind kind)
    {
        await using var server = await TestRedisServer.StartAsync(kind);
        await using var proxy = FaultProxy.For(server);
        await using var store = new StoreHarness(proxy.ConnectionString);
        await using var other = new StoreHarness(server.ConnectionString);
        await store.WaitConnectedAsync();
        await other.WaitConnectedAsync();
        var probe = await store.AcquireAsync();

        proxy.Hold();
        await store.ReportAsync(new ChatGptRateBudgetFeedback { ProbeEnded = true }, stalled: true);   // lost: Redis stalls
        proxy.Release();
        store.Time.Advance(store.Options.RetryInterval);
        await store.AcquireAsync();                                                        // rejoins, flushes the probe's end
        other.Time.AdjustTime(store.Time.GetUtcNow());
        var afterRejoin = await other.Store.TryAcquireAsync(store.Key, store.Policy, 0, CancellationToken.None);

        Assert.True(probe.IsProbe);
        Assert.True(store.Store.IsShared);
        Assert.NotEqual(ChatGptRateBudgetWaitReason.Probe, afterRejoin.WaitReason);
    }

    [Theory]
    [OnGarnet]
    public async Task Store_AfterLearning_LogsTheSharedLimitsOnce(RedisServerKind kind)
    {
        await using var server = await TestRedisServer.StartAsync(kind);
        await using var store = new StoreHarness(server.ConnectionString);
        await store.WaitConnectedAsync();

        await store.LearnAsync();
        await store.AcquireAsync();
        await store.AcquireAsync();

        var learned = Assert.Single(store.Logs.GetSnapshot(), r => r.Id.Id == 3103);
        Assert.Contains("600 requests per 60 s, 100000 tokens per 60 s", learned.Message);
    }
}
