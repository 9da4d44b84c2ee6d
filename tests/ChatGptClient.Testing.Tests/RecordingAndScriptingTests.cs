using System.Net;
using ChatGpt.Testing.Tests.Infrastructure;

namespace ChatGpt.Testing.Tests;

/// <summary>Requests are recorded for assertions; scripted responses are served in order and by predicate.</summary>
public class RecordingAndScriptingTests
{
    private const string Chat = """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"temperature":0.2}""";

    [Theory]
    [InlineData(EmulatorHosting.InMemory)]
    [InlineData(EmulatorHosting.Kestrel)]
    public async Task Requests_AreRecordedWithoutTheApiKey(EmulatorHosting hosting)
    {
        await using var host = await HostedEmulator.StartAsync(hosting);
        using var request = Api.Post("chat/completions?trace=1", Chat);
        request.Headers.Authorization = new("Bearer", "sk-secret-value");
        request.Headers.Add("OpenAI-Organization", "org-123");

        using var response = await host.Client.SendAsync(request);

        var recorded = Assert.Single(host.Emulator.Requests);
        Assert.Equal("POST", recorded.Method);
        Assert.Equal("/v1/chat/completions", recorded.Path);
        Assert.Equal("?trace=1", recorded.Query);
        Assert.Equal("[redacted]", recorded.Headers["authorization"]);
        Assert.True(recorded.HasAuthorization);
        Assert.Equal("org-123", recorded.Headers["OpenAI-Organization"]);
        Assert.StartsWith("application/json", recorded.Headers["Content-Type"]);
        Assert.Equal("gpt-4o-mini", recorded.Model);
        Assert.False(recorded.IsStreaming);
        Assert.Equal("Hi", recorded.LastUserText);
        Assert.Equal(0.2, recorded.Body!["temperature"]!.GetValue<double>());
        Assert.Equal(Chat, recorded.BodyText);
        Assert.DoesNotContain("sk-secret-value", string.Join(";", recorded.Headers.Values));
    }

    [Fact]
    public async Task Requests_InvalidAndUnknownOnesAreRecordedToo()
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);

        using var invalid = await host.Client.PostAsync("chat/completions", "{oops");
        using var unknown = await host.Client.GetAsync("files");

        Assert.Equal(2, host.Emulator.Requests.Count);
        Assert.Null(host.Emulator.Requests[0].Body);
        Assert.Equal("{oops", host.Emulator.Requests[0].BodyText);
        Assert.Equal("/v1/files", host.Emulator.Requests[1].Path);
    }

    [Fact]
    public async Task Enqueue_ServesResponsesInOrderThenTheDefault()
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);
        host.Emulator.Enqueue(EmulatorResponse.ServerError(HttpStatusCode.ServiceUnavailable), EmulatorResponse.RateLimited());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await host.Client.PostAsync("chat/completions", Chat);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.TooManyRequests, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task When_MatchesByPredicateForTheGivenNumberOfTimes()
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);
        host.Emulator
            .When(r => r.LastUserText == "refund please", EmulatorResponse.Text("Refund started."), times: 1)
            .When(r => r.Path.EndsWith("/models", StringComparison.Ordinal), EmulatorResponse.ServerError());

        var first = await ContentAsync(host, "refund please");
        var second = await ContentAsync(host, "refund please");
        var other = await ContentAsync(host, "echo: other");
        using var models = await host.Client.GetAsync("models");

        Assert.Equal("Refund started.", first);
        Assert.StartsWith("I'm sorry about the trouble.", second);
        Assert.Equal("other", other);
        Assert.Equal(HttpStatusCode.InternalServerError, models.StatusCode);
    }

    [Fact]
    public async Task Reset_ForgetsRequestsScriptsAndLimits()
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory, new ChatGptEmulator { RequestsPerMinute = 1 });
        host.Emulator.When(_ => true, EmulatorResponse.ServerError());
        using var before = await host.Client.PostAsync("chat/completions", Chat);

        host.Emulator.Reset();
        using var after = await host.Client.PostAsync("chat/completions", Chat);

        Assert.Equal(HttpStatusCode.InternalServerError, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Single(host.Emulator.Requests);
    }

    [Fact]
    public void Arguments_AreChecked()
    {
        var emulator = new ChatGptEmulator();

        Assert.Throws<ArgumentNullException>(() => emulator.When(null!, EmulatorResponse.Generated()));
        Assert.Throws<ArgumentOutOfRangeException>(() => emulator.When(_ => true, EmulatorResponse.Generated(), times: 0));
        Assert.Throws<ArgumentNullException>(() => emulator.Enqueue(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => EmulatorResponse.Generated().WithFirstByteDelay(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => EmulatorResponse.Generated().WithConnectionCut(-1));
        Assert.Throws<ArgumentException>(() => EmulatorResponse.ToolCall(""));
        Assert.Throws<ArgumentNullException>(() => new ChatGptEmulator(null!));
    }

    private static async Task<string?> ContentAsync(HostedEmulator host, string text)
    {
        using var response = await host.Client.PostAsync("chat/completions", $$"""{"model":"m","messages":[{"role":"user","content":"{{text}}"}]}""");
        return (await response.ReadJsonAsync()).GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
    }
}
