using ChatGpt.Tests.Diagnostics;
using ChatGpt.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ChatGpt.Tests.Security;

/// <summary>The key never reaches a log line (message or structured state), a span or an exception, even at Trace level.</summary>
public sealed class SecretsTests
{
    [Fact]
    public async Task AddChatGpt_TraceLoggingAndSpans_NeverCarryTheKey()
    {
        using var recorder = new ActivityRecorder();
        var calls = 0;
        await using var server = new LoopbackHttpServer(async (_, stream, token) =>
        {
            var answer = Interlocked.Increment(ref calls) == 1
                ? LoopbackHttpServer.Response("401 Unauthorized", "application/json", "{\"error\":{\"message\":\"Incorrect API key provided: " + TestClients.ApiKey + "\",\"code\":\"invalid_api_key\"}}")
                : LoopbackHttpServer.Response("200 OK", "application/json", Bodies.ChatCompletion);
            await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(answer), token);
        });
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddChatGpt(o =>
        {
            o.ApiKey = TestClients.ApiKey;
            o.BaseAddress = server.BaseAddress;
        });
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IChatGptClient>();

        var error = await Assert.ThrowsAsync<ChatGptException>(() => client.CreateChatCompletionAsync(SecurityTestClients.Hello()));
        await client.CreateChatCompletionAsync(SecurityTestClients.Hello());

        var records = provider.GetRequiredService<FakeLogCollector>().GetSnapshot();
        Assert.NotEmpty(records);
        foreach (var record in records)
        {
            Assert.DoesNotContain(TestClients.ApiKey, record.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(TestClients.ApiKey, string.Concat(record.StructuredState?.Select(p => p.Value) ?? []), StringComparison.Ordinal);
            Assert.DoesNotContain(TestClients.ApiKey, record.Exception?.ToString() ?? string.Empty, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(TestClients.ApiKey, error.ToString(), StringComparison.Ordinal);
        foreach (var span in recorder.Stopped)
        {
            Assert.DoesNotContain(TestClients.ApiKey, string.Concat(span.TagObjects.Select(t => t.Value?.ToString())), StringComparison.Ordinal);
            Assert.DoesNotContain(TestClients.ApiKey, span.StatusDescription ?? string.Empty, StringComparison.Ordinal);
            Assert.DoesNotContain(TestClients.ApiKey, string.Concat(span.Events.SelectMany(e => e.Tags).Select(t => t.Value?.ToString())), StringComparison.Ordinal);
        }
    }
}
