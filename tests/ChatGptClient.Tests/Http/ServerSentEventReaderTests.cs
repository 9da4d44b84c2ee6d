using System.Net;
using System.Text.Json;
using ChatGpt.Chat;
using ChatGpt.Diagnostics;
using ChatGpt.Http.Internal;
using ChatGpt.Serialization;
using ChatGpt.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace ChatGpt.Tests.Http;

/// <summary>The event-stream reader and the chat decoder, directly.</summary>
public sealed class ServerSentEventReaderTests
{
    [Fact]
    public async Task ReadAsync_UntilDone_YieldsValuesSkipsOtherTypesAndStopsAtDone()
    {
        const string sse = "event: ping\ndata: {}\n\ndata: {\"id\":\"a\",\"choices\":[]}\n\n: comment\n\ndata: {\"id\":\"b\",\"choices\":[]}\n\ndata: [DONE]\n\ndata: {\"id\":\"after\",\"choices\":[]}\n\n";

        var ids = await ReadIds(sse);

        Assert.Equal(["a", "b"], ids);
    }

    [Fact]
    public async Task ReadAsync_ErrorInsideAValue_FailsWithItsFields()
    {
        const string sse = "data: {\"id\":\"a\",\"choices\":[]}\n\ndata: {\"error\":{\"message\":\"boom\",\"code\":\"server_error\"}}\n\n";

        var error = await Assert.ThrowsAsync<ChatGptException>(() => ReadIds(sse));

        Assert.Equal("server_error", error.ErrorCode);
    }

    [Fact]
    public async Task ReadAsync_EndsWithoutDone_CutNamingTheEnd()
    {
        var error = await Assert.ThrowsAsync<ChatGptException>(() => ReadIds("data: {\"id\":\"a\",\"choices\":[]}\n\n"));

        Assert.Contains("cut before [DONE] after 1 event(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_EventOverTheLimit_FailsNamingTheOption()
    {
        var sse = $"data: {{\"id\":\"{new string('x', 4000)}\",\"choices\":[]}}\n\ndata: [DONE]\n\n";

        var error = await Assert.ThrowsAsync<ChatGptException>(() => ReadIds(sse, maxEventBytes: 1000));

        Assert.Contains("ChatGptOptions.MaxStreamEventBytes (1000 bytes)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_NoEventForTheIdleTimeout_Abandoned()
    {
        var time = new FakeTimeProvider();
        var content = new SlowContent("data: {\"id\":\"a\",\"choices\":[]}\n\n", stallAt: 31);
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content };

        var reading = Drain(Reader(response, time, maxEventBytes: 1_000_000));
        await content.Stalled.Task;
        time.Advance(TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<ChatGptException>(() => reading);
        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.True(content.Disposed);
    }

    private static async Task<List<string?>> ReadIds(string sse, int maxEventBytes = 1_000_000)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new SlowContent(sse) };
        var ids = new List<string?>();
        await foreach (var chunk in Reader(response, TimeProvider.System, maxEventBytes))
        {
            ids.Add(chunk.Id);
        }

        return ids;
    }

    private static IAsyncEnumerable<ChatCompletionChunk> Reader(HttpResponseMessage response, TimeProvider time, int maxEventBytes)
    {
        var metadata = ResponseMetadata.Of(response, null, time);
        var decoder = ServerSentEventReader.UntilDone(ChatGptJsonContext.Default.ChatCompletionChunk, static c => c.Error, new ChatGptResponseInfo(metadata), captureRaw: false);
        return ServerSentEventReader.ReadAsync(response, metadata, decoder, new ServerSentEventReader.Settings(TimeSpan.FromSeconds(30), time, null, maxEventBytes), CancellationToken.None);
    }

    private static async Task Drain(IAsyncEnumerable<ChatCompletionChunk> chunks)
    {
        await foreach (var _ in chunks)
        {
        }
    }
}
