using System.Globalization;
using System.Net;
using ChatGpt.Testing.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ChatGpt.Testing.Tests;

/// <summary>Per-model budgets (<see cref="ChatGptEmulator.ModelRateLimits"/>) and the enforcement modes
/// (<see cref="ChatGptEmulator.RateLimitMode"/>).</summary>
public class RateLimitBudgetTests
{
    [Fact]
    public void RateLimitMode_Default_IsMinuteBucket()
    {
        var emulator = new ChatGptEmulator();

        Assert.Equal(EmulatorRateLimitMode.MinuteBucket, emulator.RateLimitMode);
        Assert.Empty(emulator.ModelRateLimits);
    }

    [Fact]
    public void EmulatorRateLimit_ZeroLimit_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmulatorRateLimit(0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmulatorRateLimit(10, -1));
    }

    [Fact]
    public async Task ModelRateLimits_TwoModels_EachIsLimitedByItsOwnBudgetAndDescribesIt()
    {
        var time = new FakeTimeProvider();
        var emulator = new ChatGptEmulator(time);
        emulator.ModelRateLimits["small"] = new EmulatorRateLimit(100, 50_000);
        emulator.ModelRateLimits["large"] = new EmulatorRateLimit(2, 10_000);
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory, emulator);

        using var large1 = await host.Client.PostAsync("chat/completions", Chat("large"));
        using var large2 = await host.Client.PostAsync("chat/completions", Chat("large"));
        using var large3 = await host.Client.PostAsync("chat/completions", Chat("large"));
        using var small = await host.Client.PostAsync("chat/completions", Chat("small"));

        Assert.Equal(HttpStatusCode.OK, large2.StatusCode);
        Assert.Equal("2", large2.Header("x-ratelimit-limit-requests"));
        Assert.Equal("0", large2.Header("x-ratelimit-remaining-requests"));
        Assert.Equal("10000", large2.Header("x-ratelimit-limit-tokens"));
        Assert.Equal(HttpStatusCode.TooManyRequests, large3.StatusCode);
        Assert.Equal("2", large3.Header("x-ratelimit-limit-requests"));
        Assert.StartsWith("Rate limit reached for large in organization org-emulator on requests per min (RPM): Limit 2, Used 2,", await Message(large3));

        // The large model's exhausted budget does not touch the small one's.
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal("100", small.Header("x-ratelimit-limit-requests"));
        Assert.Equal("99", small.Header("x-ratelimit-remaining-requests"));
        Assert.Equal("50000", small.Header("x-ratelimit-limit-tokens"));
    }

    [Fact]
    public async Task ModelRateLimits_DatedSnapshot_SharesItsAliasBudget()
    {
        var emulator = new ChatGptEmulator(new FakeTimeProvider());
        emulator.ModelRateLimits["gpt-4o-mini"] = new EmulatorRateLimit(2, 10_000);
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory, emulator);

        using var alias = await host.Client.PostAsync("chat/completions", Chat("gpt-4o-mini"));
        using var dated = await host.Client.PostAsync("chat/completions", Chat("gpt-4o-mini-2024-07-18"));
        using var third = await host.Client.PostAsync("chat/completions", Chat("gpt-4o-mini-2024-07-18"));

        Assert.Equal("1", alias.Header("x-ratelimit-remaining-requests"));
        Assert.Equal("0", dated.Header("x-ratelimit-remaining-requests"));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
    }

    [Fact]
    public async Task ModelRateLimits_UnlistedModels_ShareTheDefaultBudget()
    {
        var emulator = new ChatGptEmulator(new FakeTimeProvider()) { RequestsPerMinute = 2 };
        emulator.ModelRateLimits["listed"] = new EmulatorRateLimit(1_000, 100_000);
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory, emulator);

        using var first = await host.Client.PostAsync("chat/completions", Chat("a"));
        using var second = await host.Client.PostAsync("chat/completions", Chat("b"));
        using var third = await host.Client.PostAsync("chat/completions", Chat("c"));
        using var listed = await host.Client.PostAsync("chat/completions", Chat("listed"));

        Assert.Equal("0", second.Header("x-ratelimit-remaining-requests"));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
    }

    [Fact]
    public async Task MinuteBucket_BurstOfTheWholeLimit_AllPass()
    {
        var emulator = new ChatGptEmulator(new FakeTimeProvider()) { RequestsPerMinute = 60 };
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory, emulator);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 61; i++)
        {
            using var response = await host.Client.PostAsync("chat/completions", Chat("m"));
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(60), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[60]);
    }

    [Fact]
    public async Task ShortWindows_BurstOverOneSecondsWorth_Answers429WhileTheHeadersReportTheMinuteBudget()
    {
        var time = new FakeTimeProvider();
        var emulator = new ChatGptEmulator(time) { RequestsPerMinute = 600, RateLimitMode = EmulatorRateLimitMode.ShortWindows };
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory, emulator);

        var burst = new List<HttpResponseMessage>();
        for (var i = 0; i < 11; i++)
        {
            burst.Add(await host.Client.PostAsync("chat/completions", Chat("m")));
        }

        time.Advance(TimeSpan.FromMilliseconds(99));
        using var early = await host.Client.PostAsync("chat/completions", Chat("m"));
        time.Advance(TimeSpan.FromMilliseconds(1));
        using var onTime = await host.Client.PostAsync("chat/completions", Chat("m"));

        Assert.All(burst.Take(10), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal("590", burst[9].Header("x-ratelimit-remaining-requests"));   // the minute's budget, as the API reports it
        Assert.Equal("600", burst[9].Header("x-ratelimit-limit-requests"));
        Assert.Equal(HttpStatusCode.TooManyRequests, burst[10].StatusCode);
        Assert.Equal("100", burst[10].Header("retry-after-ms"));                  // one request's share of a second
        Assert.Contains("Please try again in 100ms.", await Message(burst[10]));
        Assert.Equal(HttpStatusCode.TooManyRequests, early.StatusCode);
        Assert.Equal("1", early.Header("retry-after-ms"));
        Assert.Equal(HttpStatusCode.OK, onTime.StatusCode);
        burst.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task ShortWindows_SlowRequestLimit_StillLetsOneRequestThrough()
    {
        var time = new FakeTimeProvider();
        var emulator = new ChatGptEmulator(time) { RequestsPerMinute = 30, RateLimitMode = EmulatorRateLimitMode.ShortWindows };
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory, emulator);

        using var first = await host.Client.PostAsync("chat/completions", Chat("m"));
        using var second = await host.Client.PostAsync("chat/completions", Chat("m"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("2000", second.Header("retry-after-ms"));
    }

    [Fact]
    public async Task ShortWindows_TokenCostOverOneSecondsWorth_PassesWhenTheWindowIsFullAndIsPaidBackBeforeTheNext()
    {
        var time = new FakeTimeProvider();
        var emulator = new ChatGptEmulator(time) { TokensPerMinute = 6_000, RateLimitMode = EmulatorRateLimitMode.ShortWindows };
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory, emulator);
        const string Large = """{"model":"m","messages":[{"role":"user","content":"Hi"}],"max_tokens":300}""";

        using var first = await host.Client.PostAsync("chat/completions", Large);
        using var second = await host.Client.PostAsync("chat/completions", Large);

        // One second's worth is 100 tokens; the first request's cost put the window that far into debt, and the next
        // needs it full again: cost / 100 tokens per second.
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var cost = 300 + (await first.ReadJsonAsync()).GetProperty("usage").GetProperty("prompt_tokens").GetInt32();
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("tokens", (await second.ReadJsonAsync()).GetProperty("error").GetProperty("type").GetString());
        Assert.Equal((cost * 10).ToString(CultureInfo.InvariantCulture), second.Header("retry-after-ms"));

        time.Advance(TimeSpan.FromMilliseconds(cost * 10));
        using var third = await host.Client.PostAsync("chat/completions", Large);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task ShortWindows_ModelBudgets_AreEnforcedPerModel()
    {
        var time = new FakeTimeProvider();
        var emulator = new ChatGptEmulator(time) { RateLimitMode = EmulatorRateLimitMode.ShortWindows };
        emulator.ModelRateLimits["small"] = new EmulatorRateLimit(600, 1_000_000);
        emulator.ModelRateLimits["large"] = new EmulatorRateLimit(60, 1_000_000);
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory, emulator);

        using var large1 = await host.Client.PostAsync("chat/completions", Chat("large"));
        using var large2 = await host.Client.PostAsync("chat/completions", Chat("large"));
        var small = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await host.Client.PostAsync("chat/completions", Chat("small"));
            small.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, large1.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, large2.StatusCode);
        Assert.Equal("1000", large2.Header("retry-after-ms"));
        Assert.All(small, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    private static string Chat(string model) => $$"""{"model":"{{model}}","messages":[{"role":"user","content":"Hi"}]}""";

    private static async Task<string> Message(HttpResponseMessage response) =>
        (await response.ReadJsonAsync()).GetProperty("error").GetProperty("message").GetString()!;
}
