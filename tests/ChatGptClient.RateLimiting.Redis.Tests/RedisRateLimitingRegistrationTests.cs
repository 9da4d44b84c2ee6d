using ChatGpt.Chat;
using ChatGpt.RateLimiting.Redis.Internal;
using ChatGpt.RateLimiting.Redis.Tests.Infrastructure;
using ChatGpt.Resilience;
using ChatGpt.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatGpt.RateLimiting.Redis.Tests;

/// <summary>The registration on AddChatGpt()'s builder, and the whole client sharing its budget through a real server.</summary>
public class RedisRateLimitingRegistrationTests
{
    private const string ApiKey = "sk-test-secret-key-0123456789";

    [Fact]
    public void Options_Defaults_ArePinned()
    {
        var options = new ChatGptRedisRateLimitingOptions();

        Assert.Null(options.ConnectionString);
        Assert.Equal("chatgpt:budget:", options.KeyPrefix);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.OperationTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), options.RetryInterval);
        Assert.Equal(TimeSpan.FromMinutes(10), options.KeyExpiry);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.ProbePollInterval);
    }

    [Fact]
    public async Task AddRedisRateLimiting_ConnectionString_ReplacesTheInProcessStore()
    {
        var services = new ServiceCollection();
        services.AddChatGpt(o => o.ApiKey = ApiKey).AddRedisRateLimiting("127.0.0.1:1,abortConnect=false");
        await using var provider = services.BuildServiceProvider();

        Assert.IsType<RedisRateBudgetStore>(provider.GetRequiredService<IChatGptRateBudgetStore>());
    }

    [Fact]
    public async Task AddRedisRateLimiting_NoConnectionAndNoMultiplexer_FailsValidationWithTheFix()
    {
        var services = new ServiceCollection();
        services.AddChatGpt(o => o.ApiKey = ApiKey).AddRedisRateLimiting();
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChatGptRedisRateLimitingOptions>>().Value);
        Assert.Contains("register an IConnectionMultiplexer", error.Message);
    }

    [Fact]
    public async Task AddRedisRateLimiting_BadValues_AreNamedWithoutThePassword()
    {
        var services = new ServiceCollection();
        services.AddChatGpt(o => o.ApiKey = ApiKey).AddRedisRateLimiting("localhost,password=hunter2,nosuchoption=1", o => o.OperationTimeout = TimeSpan.Zero);
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChatGptRedisRateLimitingOptions>>().Value);
        Assert.Contains("ConnectionString is not a valid StackExchange.Redis configuration string", error.Message);
        Assert.Contains("OperationTimeout must be between 0 and 10 seconds", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public async Task AddRedisRateLimiting_Configuration_BindsAndRejectsUnknownKeys()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = "127.0.0.1:1,abortConnect=false",
            ["Redis:OperationTimeout"] = "00:00:00.020",
            ["Redis:KeyPrefx"] = "typo",
        }).Build();
        var services = new ServiceCollection();
        services.AddChatGpt(o => o.ApiKey = ApiKey).AddRedisRateLimiting(configuration.GetSection("Redis"));
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IOptions<ChatGptRedisRateLimitingOptions>>().Value);
        Assert.Contains("KeyPrefx", error.Message);
    }

    [Theory]
    [OnGarnet]
    [OnRedisServer]
    public async Task TwoReplicas_ShareWhatOneLearned_AndRedisHoldsNoKeyMaterial(RedisServerKind kind)
    {
        await using var server = await TestRedisServer.StartAsync(kind);
        var emulator = new ChatGptEmulator { RequestsPerMinute = 600, TokensPerMinute = 100_000 };
        await using var first = Replica(emulator, services => services.AddChatGpt(Configure).UseEmulator(emulator).AddRedisRateLimiting(server.ConnectionString, Patient));
        await using var multiplexer = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        await using var second = Replica(emulator, services =>
        {
            services.AddSingleton<IConnectionMultiplexer>(multiplexer);
            services.AddChatGpt(Configure).UseEmulator(emulator).AddRedisRateLimiting(Patient);
        });

        await first.GetRequiredService<IChatGptClient>().CreateChatCompletionAsync(new ChatCompletionRequest { Messages = [ChatMessage.User("Hi")] });
        var key = new ChatGptRateBudgetKey(ChatGptRateLimitKey.From(first.GetRequiredService<IOptions<ChatGptOptions>>().Value), "gpt-4o-mini");
        var secondStore = second.GetRequiredService<IChatGptRateBudgetStore>();
        var seenBySecond = await secondStore.TryAcquireAsync(key, new ChatGptRateBudgetPolicy(), 0, CancellationToken.None);
        for (var i = 0; i < 200 && seenBySecond.WaitReason == ChatGptRateBudgetWaitReason.Probe; i++)
        {
            // The client reports a response to the store after handing the result back: on a real server that lands a
            // moment later (bounded wait, real I/O).
            await Task.Delay(25);
            seenBySecond = await secondStore.TryAcquireAsync(key, new ChatGptRateBudgetPolicy(), 0, CancellationToken.None);
        }


        Assert.True(seenBySecond.Acquired);
        Assert.False(seenBySecond.IsProbe);                  // the first replica's probe taught both
        Assert.Equal(ChatGptRateBudgetPhase.Limited, seenBySecond.Budget.Phase);
        Assert.Equal(600, seenBySecond.Budget.RequestLimit);
        Assert.Equal(100_000, seenBySecond.Budget.TokenLimit);

        var keys = multiplexer.GetServer(multiplexer.GetEndPoints()[0]).Keys(pattern: "*").Select(k => (string)k!).ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.StartsWith("chatgpt:budget:{" + key.AccountId + "}", k));
        Assert.All(keys, k => Assert.DoesNotContain(ApiKey, k));
        Assert.All(keys, k => Assert.DoesNotContain(key.Account.ApiKeyFingerprint!, k));
    }

    [Theory]
    [OnGarnet]
    [OnRedisServer]
    public async Task Calls_RedisKilledMidRunAndRestarted_NeverFailAndOneWarningIsLogged(RedisServerKind kind)
    {
        await using var server = await TestRedisServer.StartAsync(kind);
        var emulator = new ChatGptEmulator { RequestsPerMinute = 6_000 };
        var logs = new FakeLogCollector();
        await using var replica = Replica(emulator, services =>
        {
            services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)));
            services.AddChatGpt(Configure).UseEmulator(emulator).AddRedisRateLimiting(server.ConnectionString, o =>
            {
                o.RetryInterval = TimeSpan.FromMilliseconds(20);
                o.OperationTimeout = TimeSpan.FromMilliseconds(500);
            });
        });
        var client = replica.GetRequiredService<IChatGptClient>();
        var store = (RedisRateBudgetStore)replica.GetRequiredService<IChatGptRateBudgetStore>();
        var request = new ChatCompletionRequest { Messages = [ChatMessage.User("Hi")] };

        for (var i = 0; i < 5; i++)
        {
            await client.CreateChatCompletionAsync(request);
        }

        await server.KillAsync();
        for (var i = 0; i < 5; i++)
        {
            await client.CreateChatCompletionAsync(request);
        }

        var wasShared = store.IsShared;
        await server.RestartAsync();
        for (var i = 0; i < 400 && !store.IsShared; i++)
        {
            // Real time: the multiplexer reconnects by itself; each call retries Redis once the interval has passed.
            await client.CreateChatCompletionAsync(request);
            await Task.Delay(25);
        }

        Assert.False(wasShared);
        Assert.True(store.IsShared);
        Assert.Single(logs.GetSnapshot(), r => r.Id.Id == 3101);
        Assert.Single(logs.GetSnapshot(), r => r.Id.Id == 3102);
        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Message.Contains(ApiKey, StringComparison.Ordinal));
    }

    private static void Configure(ChatGptOptions options) => options.ApiKey = ApiKey;

    /// <summary>These tests check sharing on the system clock, not the time budget (the fault tests check that on a fake
    /// clock): a generous budget keeps a loaded machine from sending them to the fallback.</summary>
    private static void Patient(ChatGptRedisRateLimitingOptions options) => options.OperationTimeout = TimeSpan.FromSeconds(10);

    private static ServiceProvider Replica(ChatGptEmulator emulator, Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        services.AddSingleton(emulator);
        register(services);
        return services.BuildServiceProvider();
    }
}
