using System.Collections.Concurrent;
using System.Net;
using ChatGpt.Resilience;
using ChatGpt.Resilience.Internal;
using ChatGpt.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatGpt.Tests.Resilience;

public class ChatGptResilienceRateLimitTests
{
    /// <summary>Whether the host logs Polly at Debug, so that every attempt runs on the pipeline with Polly's telemetry
    /// (see <see cref="ResilienceTestHost"/>); the tests run both ways.</summary>
    protected virtual bool ObservePolly => false;

    [Fact]
    public async Task CreateChatCompletion_QueueFull_RejectedWithoutSending()
    {
        using var host = new ResilienceTestHost(ObservePolly, (_, _) => ResilienceTestHost.Success(), o =>
        {
            o.Resilience.RequestsPerMinute = 2;
            o.Resilience.QueueLimit = 0;
        });

        await host.ChatAsync();
        await host.ChatAsync();
        var error = await Assert.ThrowsAsync<ChatGptRateLimitRejectedException>(() => host.Client.CreateChatCompletionAsync(ResilienceTestHost.Request()));

        Assert.Equal(2, host.Attempts.Count);
        Assert.Contains("queue is full", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.RetryAfter);
    }

    [Fact]
    public async Task CreateChatCompletion_WaitBeyondTimeout_RejectedAtOnceWithRetryAfter()
    {
        using var host = new ResilienceTestHost(ObservePolly, (_, _) => ResilienceTestHost.Success(), o =>
        {
            o.Timeout = TimeSpan.FromSeconds(10);
            o.Resilience.RequestsPerMinute = 1;
        });
        await host.ChatAsync();

        var error = await Assert.ThrowsAsync<ChatGptRateLimitRejectedException>(() => host.Client.CreateChatCompletionAsync(ResilienceTestHost.Request()));

        Assert.Single(host.Attempts);
        Assert.InRange(error.RetryAfter!.Value, TimeSpan.FromSeconds(59), TimeSpan.FromSeconds(60));
        Assert.Contains("before its timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateChatCompletion_WaitWithinTimeout_QueuedThenSent()
    {
        using var host = new ResilienceTestHost(ObservePolly, (_, _) => ResilienceTestHost.Success(), o => o.Resilience.RequestsPerMinute = 6);
        for (var i = 0; i < 6; i++)
        {
            await host.ChatAsync();
        }

        await host.ChatAsync();

        Assert.Equal(7, host.Attempts.Count);
        host.AssertGap(6, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task CreateChatCompletion_CostAboveWholeTokenBudget_SentWhenTheBudgetIsFull()
    {
        using var host = new ResilienceTestHost(ObservePolly, (_, _) => ResilienceTestHost.Success(), o => o.Resilience.TokensPerMinute = 1_000);
        var request = ResilienceTestHost.Request();
        request.MaxCompletionTokens = 2_000;

        await host.RunAsync(() => host.Client.CreateChatCompletionAsync(request));

        Assert.Single(host.Attempts);
    }

    [Fact]
    public async Task CreateChatCompletion_TwoClientsOfOneAccount_ShareTheLimiter()
    {
        var time = new SteppingClock();
        var address = new Uri("https://shared.test.invalid/v1/");
        void Configure(ChatGptOptions o)
        {
            o.Timeout = TimeSpan.FromSeconds(5);
            o.Resilience.RequestsPerMinute = 1;
        }

        using var first = new ResilienceTestHost(ObservePolly, (_, _) => ResilienceTestHost.Success(), Configure, address, time);
        using var second = new ResilienceTestHost(ObservePolly, (_, _) => ResilienceTestHost.Success(), Configure, address, time);

        await first.ChatAsync();
        await Assert.ThrowsAsync<ChatGptRateLimitRejectedException>(() => second.Client.CreateChatCompletionAsync(ResilienceTestHost.Request()));

        Assert.Empty(second.Attempts);
    }

    [Theory]
    [InlineData("key")]
    [InlineData("address")]
    [InlineData("organization")]
    [InlineData("project")]
    public async Task CreateChatCompletion_OtherAccount_OwnLimiter(string differs)
    {
        // A shared limiter would refuse the second call at once (its wait of a minute passes the 5 s timeout), so this
        // fails when two accounts share one, instead of passing slower. One clock: the limiters are found by it too.
        var time = new SteppingClock();
        Action<ChatGptOptions> Configure(string which) => o =>
        {
            o.Timeout = TimeSpan.FromSeconds(5);
            o.Resilience.RequestsPerMinute = 1;
            o.ApiKey = differs == "key" ? $"sk-test-{which}" : ResilienceTestHost.ApiKey;
            o.BaseAddress = new Uri(differs == "address" ? $"https://{which}.test.invalid/v1/" : "https://accounts.test.invalid/v1/");
            o.Organization = differs == "organization" ? $"org-{which}" : "org-1";
            o.Project = differs == "project" ? $"proj_{which}" : null;
        };

        using var first = new ResilienceTestHost(ObservePolly, (_, _) => ResilienceTestHost.Success(), Configure("a"), time: time);
        using var second = new ResilienceTestHost(ObservePolly, (_, _) => ResilienceTestHost.Success(), Configure("b"), time: time);

        await first.ChatAsync();
        await second.ChatAsync();

        Assert.Equal(first.Attempts.Single().At, second.Attempts.Single().At);
    }

    [Fact]
    public async Task CreateChatCompletion_ServerAdvertisesExhaustedBudget_NextCallWaitsForRefill()
    {
        using var host = new ResilienceTestHost(ObservePolly, (_, _) => ResilienceTestHost.Json(HttpStatusCode.OK, ResilienceTestHost.SuccessJson,
            ("x-ratelimit-limit-requests", "60"), ("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-reset-requests", "1s")));

        await host.ChatAsync();
        await host.ChatAsync();

        host.AssertGap(1, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task CreateChatCompletion_AdaptiveOff_HeadersIgnored()
    {
        using var host = new ResilienceTestHost(ObservePolly, 
            (_, _) => ResilienceTestHost.Json(HttpStatusCode.OK, ResilienceTestHost.SuccessJson, ("x-ratelimit-limit-requests", "60"), ("x-ratelimit-remaining-requests", "0")),
            o => o.Resilience.AdaptiveRateLimiting = false);

        await host.ChatAsync();
        await host.ChatAsync();

        Assert.Equal(TimeSpan.Zero, host.Gap(1));
    }

    [Fact]
    public async Task CreateChatCompletion_429_HoldsOtherCallsOfTheAccount()
    {
        using var host = new ResilienceTestHost(ObservePolly, (attempt, _) => attempt == 0
            ? ResilienceTestHost.Error(429, "rate_limit_exceeded", headers: ("retry-after-ms", "2000"))
            : ResilienceTestHost.Success());

        var first = host.Client.CreateChatCompletionAsync(ResilienceTestHost.Request());
        await host.Time.WhenWaitingAsync(); // the first call has its 429 and waits to retry
        var second = host.Client.CreateChatCompletionAsync(ResilienceTestHost.Request());
        await host.Time.RunAsync(Task.WhenAll(first, second));

        var times = host.Attempts.Select(a => a.At).ToArray();
        Assert.Equal(3, times.Length);
        Assert.All(times.Skip(1), t => Assert.True(t - times[0] >= TimeSpan.FromSeconds(2), $"A call was sent {t - times[0]} after the 429."));
    }

    [Fact]
    public async Task CreateChatCompletion_UsageReported_CorrectsTokenEstimate()
    {
        using var host = new ResilienceTestHost(ObservePolly, (_, _) => ResilienceTestHost.Json(HttpStatusCode.OK, ResilienceTestHost.SuccessJson,
            ("x-ratelimit-limit-tokens", "100000"), ("x-ratelimit-remaining-tokens", "100000")));

        await host.ChatAsync(); // the cold-start probe: the server's remaining budget already counts it
        await host.ChatAsync();

        // The estimate reserved the default completion allowance; the response said the call cost 6 tokens.
        Assert.Equal(100_000 - 6, host.Budget().TokensAvailable!.Value, precision: 0);
    }

    [Fact]
    public void RateLimitKey_ToString_HasNoApiKey()
    {
        var key = ChatGptRateLimitKey.From(new ChatGptOptions { ApiKey = ResilienceTestHost.ApiKey, Organization = "org-1" });

        Assert.DoesNotContain(ResilienceTestHost.ApiKey, key.ToString(), StringComparison.Ordinal);
        Assert.Equal(16, key.ApiKeyFingerprint!.Length);
        Assert.NotEqual(key, ChatGptRateLimitKey.From(new ChatGptOptions { ApiKey = "sk-other", Organization = "org-1" }));
    }

    [Fact]
    public async Task AddChatGpt_CustomBudgetStore_GetsAcquisitionsAndFeedback()
    {
        var store = new RecordingStore();
        var services = new ServiceCollection();
        services.AddSingleton<IChatGptRateBudgetStore>(store);
        services.AddChatGpt(o =>
        {
            o.ApiKey = "sk-test";
            o.BaseAddress = new Uri("https://custom.test.invalid/v1/");
        }).ConfigurePrimaryHttpMessageHandler(() => new StaticHandler());
        using var built = services.BuildServiceProvider();

        await built.GetRequiredService<IChatGptClient>().CreateChatCompletionAsync(ResilienceTestHost.Request());

        Assert.Equal(1, store.Acquired);
        Assert.Contains(store.Reports, r => r.RequestLimit == 60 && r.RemainingRequests == 59);
        Assert.All(store.Keys, k => Assert.Equal("gpt-4o-mini", k.ModelGroup));
    }

    private sealed class RecordingStore : IChatGptRateBudgetStore
    {
        private readonly ChatGptInProcessRateBudgetStore _inner = new();

        public int Acquired;

        public ConcurrentQueue<ChatGptRateBudgetFeedback> Reports { get; } = new();

        public ConcurrentQueue<ChatGptRateBudgetKey> Keys { get; } = new();

        public ValueTask<ChatGptRateBudgetAcquisition> TryAcquireAsync(ChatGptRateBudgetKey key, ChatGptRateBudgetPolicy policy, long tokens, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Acquired);
            Keys.Enqueue(key);
            return _inner.TryAcquireAsync(key, policy, tokens, cancellationToken);
        }

        public ValueTask<ChatGptRateBudgetSnapshot> ReportAsync(ChatGptRateBudgetKey key, ChatGptRateBudgetPolicy policy, ChatGptRateBudgetFeedback feedback, CancellationToken cancellationToken)
        {
            Reports.Enqueue(feedback);
            Keys.Enqueue(key);
            return _inner.ReportAsync(key, policy, feedback, cancellationToken);
        }
    }

    private sealed class StaticHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(ResilienceTestHost.Json(HttpStatusCode.OK, ResilienceTestHost.SuccessJson,
                ("x-ratelimit-limit-requests", "60"), ("x-ratelimit-remaining-requests", "59"), ("x-ratelimit-reset-requests", "1s")));
    }
}
