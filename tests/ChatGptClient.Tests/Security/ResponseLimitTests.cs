using System.Net;
using System.Text;
using ChatGpt.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace ChatGpt.Tests.Security;

/// <summary>Issue 13: memory and time bounded by default; exceeding a limit says which one and how to raise it.</summary>
public sealed class ResponseLimitTests
{
    [Fact]
    public async Task Body_DeclaredLargerThanTheLimit_RefusedBeforeReading()
    {
        await using var server = LoopbackHttpServer.Answering("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\nConnection: close\r\n\r\n{\"id\":");
        var client = SecurityTestClients.Direct(server.BaseAddress, o => o.MaxResponseBytes = 1_000_000);

        var error = await Assert.ThrowsAsync<ChatGptException>(() => client.CreateChatCompletionAsync(SecurityTestClients.Hello()));

        Assert.Contains("ChatGptOptions.MaxResponseBytes (1000000 bytes)", error.Message, StringComparison.Ordinal);
        Assert.Contains("raise ChatGptOptions.MaxResponseBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_ChunkedPastTheLimit_StoppedWhileReading()
    {
        var written = 0L;
        await using var server = new LoopbackHttpServer(async (_, stream, token) =>
        {
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"u8.ToArray(), token);
            var chunk = Encoding.ASCII.GetBytes(new string(' ', 64 * 1024));
            var header = Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n");

            // 64 MB of white space in all, unless the client stops reading first.
            for (var i = 0; i < 1024; i++)
            {
                await stream.WriteAsync(header, token);
                await stream.WriteAsync(chunk, token);
                await stream.WriteAsync("\r\n"u8.ToArray(), token);
                Interlocked.Add(ref written, chunk.Length);
            }
        });
        var client = SecurityTestClients.Direct(server.BaseAddress, o => o.MaxResponseBytes = 1_000_000);

        var error = await Assert.ThrowsAsync<ChatGptException>(() => client.CreateChatCompletionAsync(SecurityTestClients.Hello()));

        Assert.Contains("passed ChatGptOptions.MaxResponseBytes", error.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidDataException>(error.InnerException);

        // Detected while reading: the server could not push the whole 64 MB (only what socket buffers absorb).
        await server.DisposeAsync();
        Assert.True(Interlocked.Read(ref written) < 32L * 1024 * 1024, $"{Interlocked.Read(ref written)} bytes were written.");
    }

    [Fact]
    public async Task StreamEvent_LargerThanTheLimit_StoppedWhileReading()
    {
        var huge = new string('x', 300_000);
        var sse = $"data: {{\"id\":\"1\",\"choices\":[]}}\n\ndata: {{\"id\":\"{huge}\"}}\n\ndata: [DONE]\n\n";
        await using var server = LoopbackHttpServer.Answering(LoopbackHttpServer.Response("200 OK", "text/event-stream", sse));
        var client = SecurityTestClients.Direct(server.BaseAddress, o => o.MaxStreamEventBytes = 100_000);
        var received = 0;

        var error = await Assert.ThrowsAsync<ChatGptException>(async () =>
        {
            await foreach (var _ in client.StreamChatCompletionAsync(SecurityTestClients.Hello()))
            {
                received++;
            }
        });

        Assert.Equal(1, received);
        Assert.Contains("ChatGptOptions.MaxStreamEventBytes (100000 bytes)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamEvent_ManySmallEventsAddingUpPastTheLimit_Accepted()
    {
        var sse = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            sse.Append("data: {\"id\":\"").Append(new string('y', 1000)).Append("\",\"choices\":[]}\n\n");
        }

        sse.Append("data: [DONE]\n\n");
        await using var server = LoopbackHttpServer.Answering(LoopbackHttpServer.Response("200 OK", "text/event-stream", sse.ToString()));
        var client = SecurityTestClients.Direct(server.BaseAddress, o => o.MaxStreamEventBytes = 20_000);
        var received = 0;

        await foreach (var _ in client.StreamChatCompletionAsync(SecurityTestClients.Hello()))
        {
            received++;
        }

        Assert.Equal(200, received);
    }

    [Fact]
    public async Task Body_StalledAfterTheHeaders_FailsWithinTheBodyIdleTimeout()
    {
        var time = new FakeTimeProvider();
        var content = new SlowContent(Bodies.ChatCompletion, stallAt: 40);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var handler = new MockHttpMessageHandler();
        handler.When("*").Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        var client = TestClients.Create(handler, o => o.ResponseBodyIdleTimeout = TimeSpan.FromSeconds(30), time);

        var call = client.CreateChatCompletionAsync(SecurityTestClients.Hello());
        await content.Stalled.Task;
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<ChatGptException>(() => call);
        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Contains("ChatGptOptions.ResponseBodyIdleTimeout", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L, 1, 1)]
    [InlineData(1L, 0, 1)]
    [InlineData(1L, 1, 0)]
    public void Limits_NotPositive_RejectedAtStartUp(long maxResponse, int maxEvent, int idleSeconds) =>
        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => SecurityTestClients.Direct(
            new Uri("https://api.example.test/v1/"),
            o =>
            {
                o.MaxResponseBytes = maxResponse;
                o.MaxStreamEventBytes = maxEvent;
                o.ResponseBodyIdleTimeout = TimeSpan.FromSeconds(idleSeconds);
            }));
}
