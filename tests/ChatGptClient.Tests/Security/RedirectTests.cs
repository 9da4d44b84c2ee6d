using System.Net;
using System.Text;
using ChatGpt.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ChatGpt.Tests.Security;

/// <summary>Issue 13: the prompt and the account's headers never follow a redirect, and another origin's answer never counts.</summary>
public sealed class RedirectTests
{
    // Rate-limit headers that, if learned, would lock the account: a budget of 1, spent, back in 999 hours.
    private static readonly string[] LockingRateLimits =
    [
        "x-ratelimit-limit-tokens: 1",
        "x-ratelimit-remaining-tokens: 0",
        "x-ratelimit-reset-tokens: 999h",
        "x-ratelimit-limit-requests: 1",
        "x-ratelimit-remaining-requests: 0",
        "x-ratelimit-reset-requests: 999h",
    ];

    [Theory]
    [InlineData("307 Temporary Redirect")]
    [InlineData("308 Permanent Redirect")]
    [InlineData("301 Moved Permanently")]
    [InlineData("302 Found")]
    [InlineData("303 See Other")]
    public async Task AddChatGpt_Redirect_NotFollowedAndNamedByOrigin(string status)
    {
        await using var elsewhere = LoopbackHttpServer.Answering(LoopbackHttpServer.Response("200 OK", "application/json", Bodies.ChatCompletion));
        await using var server = LoopbackHttpServer.Answering(LoopbackHttpServer.Response(status, "text/plain", string.Empty, $"Location: {elsewhere.Origin}/steal/prompt?k=1"));
        using var provider = SecurityTestClients.WithDependencyInjection(server.BaseAddress);
        var client = provider.GetRequiredService<IChatGptClient>();

        var error = await Assert.ThrowsAsync<ChatGptException>(() => client.CreateChatCompletionAsync(SecurityTestClients.Hello()));

        Assert.Equal(0, elsewhere.Requests);
        Assert.Equal((HttpStatusCode)int.Parse(status[..3], System.Globalization.CultureInfo.InvariantCulture), error.StatusCode);
        Assert.Contains($"redirect to {elsewhere.Origin}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("/steal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddChatGpt_RedirectOfAStream_NotFollowed()
    {
        await using var elsewhere = LoopbackHttpServer.Answering(LoopbackHttpServer.Response("200 OK", "text/event-stream", "data: [DONE]\n\n"));
        await using var server = LoopbackHttpServer.Answering(LoopbackHttpServer.Response("307 Temporary Redirect", "text/plain", string.Empty, $"Location: {elsewhere.Origin}/v1/chat/completions"));
        using var provider = SecurityTestClients.WithDependencyInjection(server.BaseAddress);
        var client = provider.GetRequiredService<IChatGptClient>();

        var error = await Assert.ThrowsAsync<ChatGptException>(() => SecurityTestClients.DrainAsync(client.StreamChatCompletionAsync(SecurityTestClients.Hello())));

        Assert.Equal(0, elsewhere.Requests);
        Assert.Contains(elsewhere.Origin, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwnHttpClientThatFollowsRedirects_FollowedAnswerIsAnError()
    {
        await using var elsewhere = LoopbackHttpServer.Answering(LoopbackHttpServer.Response("200 OK", "application/json", Bodies.ChatCompletion));
        await using var server = LoopbackHttpServer.Answering(LoopbackHttpServer.Response("308 Permanent Redirect", "text/plain", string.Empty, $"Location: {elsewhere.Origin}/v1/chat/completions"));
        var client = SecurityTestClients.Direct(server.BaseAddress, handler: new SocketsHttpHandler { AllowAutoRedirect = true });

        var error = await Assert.ThrowsAsync<ChatGptException>(() => client.CreateChatCompletionAsync(SecurityTestClients.Hello()));

        Assert.Contains($"redirect to {elsewhere.Origin}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimitHeadersOfARedirect_NotLearned()
    {
        var poisoned = LoopbackHttpServer.Response(
            "302 Found",
            "text/plain",
            string.Empty,
            ["Location: http://127.0.0.1:1/elsewhere", .. LockingRateLimits]);
        await AssertNotLearnedAsync(poisoned);
    }

    [Fact]
    public async Task RateLimitHeadersOfAnHtmlProxyPage_NotLearned()
    {
        var poisoned = LoopbackHttpServer.Response(
            "429 Too Many Requests",
            "text/html; charset=utf-8",
            "<html><body>Slow down (proxy)</body></html>",
            LockingRateLimits);
        await AssertNotLearnedAsync(poisoned);
    }

    private static async Task AssertNotLearnedAsync(string poisoned)
    {
        var calls = 0;
        await using var server = new LoopbackHttpServer(async (_, stream, token) =>
        {
            var answer = Interlocked.Increment(ref calls) == 1 ? poisoned : LoopbackHttpServer.Response("200 OK", "application/json", Bodies.ChatCompletion);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(answer), token);
        });
        using var provider = SecurityTestClients.WithDependencyInjection(server.BaseAddress, o =>
        {
            o.Resilience.MaxRetries = 0;
            o.Timeout = TimeSpan.FromMinutes(1);
        });
        var client = provider.GetRequiredService<IChatGptClient>();

        await Assert.ThrowsAsync<ChatGptException>(() => client.CreateChatCompletionAsync(SecurityTestClients.Hello()));
        var second = await client.CreateChatCompletionAsync(SecurityTestClients.Hello());

        Assert.NotNull(second);
        Assert.Equal(2, server.Requests);
    }
}
