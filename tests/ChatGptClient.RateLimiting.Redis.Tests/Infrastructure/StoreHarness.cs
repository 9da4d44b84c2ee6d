using ChatGpt.RateLimiting.Redis.Internal;
using ChatGpt.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace ChatGpt.RateLimiting.Redis.Tests.Infrastructure;

/// <summary>A <see cref="RedisRateBudgetStore"/> on its own connection, a fake clock that drives both the budgets and the
/// store's timeouts, and a log collector.</summary>
internal sealed class StoreHarness : IAsyncDisposable
{
    private readonly RedisConnection _connection;

    public StoreHarness(string connectionString)
    {
        Options = new ChatGptRedisRateLimitingOptions { ConnectionString = connectionString, UseServerClock = false };
        _connection = new RedisConnection(connectionString);
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddProvider(Provider).SetMinimumLevel(LogLevel.Debug));
        Store = new RedisRateBudgetStore(_connection, Options, Time, LoggerFactory, meterFactory: null);
    }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));

    public FakeLogCollector Logs => Provider.Collector;

    public ChatGptRedisRateLimitingOptions Options { get; }

    public RedisRateBudgetStore Store { get; }

    public ILoggerFactory LoggerFactory { get; }

    public ChatGptRateBudgetKey Key { get; } = new(new ChatGptRateLimitKey("HTTP://127.0.0.1/V1", "0123456789abcdef", null, null), "gpt-4o-mini-" + Guid.NewGuid().ToString("N")[..8]);

    public ChatGptRateBudgetPolicy Policy { get; } = new();

    private FakeLoggerProvider Provider { get; } = new();

    public Task<IConnectionMultiplexer> ConnectionAsync() => _connection.GetAsync();

    /// <summary>An acquisition. With <paramref name="stalled"/> (Redis held or killed), the fake clock is moved past the
    /// store's time budget once the call waits, so a silent Redis ends in the fallback instead of a hang; otherwise the
    /// real round trip is awaited.</summary>
    public async Task<ChatGptRateBudgetAcquisition> AcquireAsync(long tokens = 0, bool stalled = false)
    {
        var pending = Store.TryAcquireAsync(Key, Policy, tokens, CancellationToken.None).AsTask();
        if (stalled && !pending.IsCompleted)
        {
            Time.Advance(Options.OperationTimeout);
        }

        return await pending;
    }

    public async Task<ChatGptRateBudgetSnapshot> ReportAsync(ChatGptRateBudgetFeedback feedback, bool stalled = false)
    {
        var pending = Store.ReportAsync(Key, Policy, feedback, CancellationToken.None).AsTask();
        if (stalled && !pending.IsCompleted)
        {
            Time.Advance(Options.OperationTimeout);
        }

        return await pending;
    }

    /// <summary>Learns 600 requests and 100,000 tokens per minute through a probe, in Redis.</summary>
    public async Task LearnAsync()
    {
        var probe = await AcquireAsync();
        Assert.True(probe.IsProbe);
        await ReportAsync(new ChatGptRateBudgetFeedback
        {
            RequestLimit = 600, RequestWindow = TimeSpan.FromMinutes(1), RemainingRequests = 599,
            TokenLimit = 100_000, TokenWindow = TimeSpan.FromMinutes(1), RemainingTokens = 99_000,
            ProbeEnded = true,
        });
    }

    /// <summary>Waits (on real time: a real reconnection) until the store's connection is up again.</summary>
    public async Task WaitConnectedAsync()
    {
        var connection = await _connection.GetAsync();
        for (var i = 0; i < 400 && !connection.IsConnected; i++)
        {
            await Task.Delay(25);
        }

        Assert.True(connection.IsConnected, "The store's connection did not come back within 10 s.");
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        LoggerFactory.Dispose();
    }
}
