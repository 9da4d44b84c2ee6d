using System.Net;
using ChatGpt.Testing.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ChatGpt.Testing.Tests;

/// <summary>RPM and TPM limits enforced like the API: continuously refilling buckets, 429s with the time to wait.</summary>
public class RateLimitTests
{
    private const string Chat = """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}""";

    [Fact]
    public async Task RequestsPerMinute_OverTheLimit_Answers429UntilTheBucketRefills()
    {
        var time = new FakeTimeProvider();
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory, new ChatGptEmulator(time) { RequestsPerMinute = 2 });

        using var first = await host.Client.PostAsync("chat/completions", Chat);
        using var second = await host.Client.PostAsync("chat/completions", Chat);
        using var third = await host.Client.PostAsync("chat/completions", Chat);
        time.Advance(TimeSpan.FromSeconds(30));
        using var fourth = await host.Client.PostAsync("chat/completions", Chat);

        Assert.Equal("1", first.Header("x-ratelimit-remaining-requests"));
        Assert.Equal("30s", first.Header("x-ratelimit-reset-requests"));
        Assert.Equal("0", second.Header("x-ratelimit-remaining-requests"));
        Assert.Equal("1m0s", second.Header("x-ratelimit-reset-requests"));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("30", third.Header("retry-after"));
        Assert.Equal("30000", third.Header("retry-after-ms"));
        var error = (await third.ReadJsonAsync()).GetProperty("error");
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.Equal("requests", error.GetProperty("type").GetString());
        Assert.Equal(
            "Rate limit reached for gpt-4o-mini in organization org-emulator on requests per min (RPM): Limit 2, Used 2, Requested 1. Please try again in 30s. Visit https://platform.openai.com/account/rate-limits to learn more.",
            error.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, fourth.StatusCode);
    }

    [Fact]
    public async Task TokensPerMinute_OverTheLimit_Answers429Tokens()
    {
        var time = new FakeTimeProvider();
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory, new ChatGptEmulator(time) { TokensPerMinute = 1000 });
        const string body = """{"model":"m","messages":[{"role":"user","content":"Hi"}],"max_tokens":400}""";

        using var first = await host.Client.PostAsync("chat/completions", body);
        using var second = await host.Client.PostAsync("chat/completions", body);
        using var third = await host.Client.PostAsync("chat/completions", body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var remaining = int.Parse(second.Header("x-ratelimit-remaining-tokens")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(remaining, 150, 199);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        var error = (await third.ReadJsonAsync()).GetProperty("error");
        Assert.Equal("tokens", error.GetProperty("type").GetString());
        Assert.Contains("on tokens per min (TPM): Limit 1000", error.GetProperty("message").GetString());
        Assert.NotNull(third.Header("retry-after-ms"));
    }

    [Fact]
    public async Task TokensPerMinute_RequestLargerThanTheLimit_Answers429WithoutRetryHint()
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory, new ChatGptEmulator { TokensPerMinute = 100 });

        using var response = await host.Client.PostAsync("chat/completions", """{"model":"m","messages":[{"role":"user","content":"Hi"}],"max_tokens":500}""");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Null(response.Header("retry-after"));
        Assert.StartsWith("Request too large for m", (await response.ReadJsonAsync()).GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task RejectedRequests_DoNotConsumeTheLimit()
    {
        var time = new FakeTimeProvider();
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory, new ChatGptEmulator(time) { RequestsPerMinute = 1 });

        using var ok = await host.Client.PostAsync("chat/completions", Chat);
        using var limited = await host.Client.PostAsync("chat/completions", Chat);
        time.Advance(TimeSpan.FromSeconds(60));
        using var again = await host.Client.PostAsync("chat/completions", Chat);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task ResetHeaders_UseTheApiDurationFormat()
    {
        var time = new FakeTimeProvider();
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory, new ChatGptEmulator(time) { RequestsPerMinute = 240, TokensPerMinute = 1_000_000 });

        using var response = await host.Client.PostAsync("chat/completions", """{"model":"m","messages":[{"role":"user","content":"Hi"}],"max_tokens":100000}""");

        Assert.Equal("250ms", response.Header("x-ratelimit-reset-requests"));
        Assert.Equal("6s", response.Header("x-ratelimit-reset-tokens"));
    }
}
