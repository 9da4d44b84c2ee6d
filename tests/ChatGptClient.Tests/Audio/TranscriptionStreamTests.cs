using System.Net;
using System.Text;
using ChatGpt.Audio;
using ChatGpt.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace ChatGpt.Tests.Audio;

/// <summary>Streamed transcription and speech events: typed events, cut streams, error events, cancellation, idle timeout.</summary>
public sealed class TranscriptionStreamTests
{
    private const string Delta1 = """{"type":"transcript.text.delta","delta":"What","logprobs":[{"token":"What","logprob":-0.01,"bytes":[87,104,97,116]}]}""";
    private const string Delta2 = """{"type":"transcript.text.delta","delta":" is it?","segment_id":"seg_001"}""";
    private const string Segment = """{"type":"transcript.text.segment","id":"seg_001","start":0.0,"end":1.5,"text":"What is it?","speaker":"A"}""";
    private const string Done = """{"type":"transcript.text.done","text":"What is it?","usage":{"type":"tokens","input_tokens":20,"input_token_details":{"text_tokens":0,"audio_tokens":20},"output_tokens":4,"total_tokens":24}}""";

    [Fact]
    public async Task StreamTranscriptionAsync_Events_AreTypedInOrderAndEndWithDone()
    {
        var events = await ReadAllAsync(Client(new SlowContent(Sse(Delta1, Delta2, Segment, Done))));

        Assert.Equal([TranscriptionStreamEvent.DeltaType, TranscriptionStreamEvent.DeltaType, TranscriptionStreamEvent.SegmentType, TranscriptionStreamEvent.DoneType], events.Select(e => e.Type));
        Assert.Equal("What is it?", string.Concat(events.Where(e => e.IsDelta).Select(e => e.Delta)));
        Assert.Equal([87, 104, 97, 116], events[0].Logprobs![0].Bytes!);
        Assert.Equal("seg_001", events[1].SegmentId);
        Assert.Equal(("seg_001", 0.0, 1.5, "A"), (events[2].Id, events[2].Start!.Value, events[2].End!.Value, events[2].Speaker));
        Assert.True(events[3].IsDone);
        Assert.Equal(("What is it?", 24), (events[3].Text, events[3].Usage!.TotalTokens));
        Assert.All(events, e => Assert.Equal(HttpStatusCode.OK, e.ResponseInfo!.StatusCode));
    }

    [Fact]
    public async Task StreamTranscriptionAsync_EventNamesInsteadOfTypes_AreReadToo()
    {
        var body = $"event: transcript.text.delta\ndata: {Delta1}\n\nevent: transcript.text.done\ndata: {Done}\n\n";

        var events = await ReadAllAsync(Client(new SlowContent(body)));

        Assert.Equal(2, events.Count);
        Assert.True(events[1].IsDone);
    }

    [Fact]
    public async Task StreamTranscriptionAsync_EndsBeforeDone_ThrowsStreamCutAfterDeliveringEvents()
    {
        var received = new List<TranscriptionStreamEvent>();

        var exception = await Assert.ThrowsAsync<ChatGptException>(() => ReadAllAsync(Client(new SlowContent(Sse(Delta1, Delta2))), received));

        Assert.Equal(2, received.Count);
        Assert.Contains("cut before", exception.Message, StringComparison.Ordinal);
        Assert.Contains("2 event(s)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamTranscriptionAsync_ConnectionCutMidEvent_ThrowsStreamCut()
    {
        var exception = await Assert.ThrowsAsync<ChatGptException>(() => ReadAllAsync(Client(new SlowContent(Sse(Delta1) + "data: {\"type\":\"transcr", failAtEnd: true))));

        Assert.Contains("cut before", exception.Message, StringComparison.Ordinal);
        Assert.IsType<IOException>(exception.InnerException);
    }

    [Theory]
    [InlineData("data: {\"type\":\"error\",\"error\":{\"message\":\"The server had an error.\",\"type\":\"server_error\",\"code\":\"boom\"}}\n\n")]
    [InlineData("event: error\ndata: {\"error\":{\"message\":\"The server had an error.\",\"type\":\"server_error\",\"code\":\"boom\"}}\n\n")]
    public async Task StreamTranscriptionAsync_ErrorEvent_ThrowsWithItsCode(string errorEvent)
    {
        var received = new List<TranscriptionStreamEvent>();

        var exception = await Assert.ThrowsAsync<ChatGptException>(() => ReadAllAsync(Client(new SlowContent(Sse(Delta1) + errorEvent)), received));

        Assert.Single(received);
        Assert.Equal(("server_error", "boom"), (exception.ErrorType, exception.ErrorCode));
    }

    [Fact]
    public async Task StreamTranscriptionAsync_MalformedEvent_ThrowsChatGptException()
    {
        var exception = await Assert.ThrowsAsync<ChatGptException>(() => ReadAllAsync(Client(new SlowContent(Sse(Delta1, "{\"type\":\"transcript.text.delta\",\"delta\":")))));

        Assert.Contains("stream event could not be read", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamTranscriptionAsync_Cancelled_ThrowsOperationCanceledAndReleasesTheResponse()
    {
        var content = new SlowContent(Sse(Delta1), stallAt: Encoding.UTF8.GetByteCount(Sse(Delta1)));
        using var cancellation = new CancellationTokenSource();
        var enumerator = Client(content).StreamTranscriptionAsync(Request(), cancellation.Token).GetAsyncEnumerator();

        Assert.True(await enumerator.MoveNextAsync());
        var next = enumerator.MoveNextAsync();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await next);
        await enumerator.DisposeAsync();
        Assert.True(content.Disposed);
    }

    [Fact]
    public async Task StreamTranscriptionAsync_NoEventWithinIdleTimeout_ThrowsOnTheInjectedClock()
    {
        var time = new FakeTimeProvider();
        var content = new SlowContent(Sse(Delta1), stallAt: Encoding.UTF8.GetByteCount(Sse(Delta1)));
        var client = Client(content, o => o.Resilience.StreamIdleTimeout = TimeSpan.FromSeconds(20), time);
        var enumerator = client.StreamTranscriptionAsync(Request()).GetAsyncEnumerator();

        Assert.True(await enumerator.MoveNextAsync());
        var next = enumerator.MoveNextAsync();
        time.Advance(TimeSpan.FromSeconds(19));
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2));

        var exception = await Assert.ThrowsAsync<ChatGptException>(async () => await next);
        Assert.Contains("no event arrived", exception.Message, StringComparison.Ordinal);
        Assert.IsType<TimeoutException>(exception.InnerException);
        await enumerator.DisposeAsync();
    }

    [Fact]
    public async Task StreamSpeechAsync_DeltaEvents_DecodeTheAudioAndWriteToFileJoinsThem()
    {
        var body = Sse(
            """{"type":"speech.audio.delta","audio":"AQID"}""",
            """{"type":"speech.audio.delta","audio":"BAU="}""",
            """{"type":"speech.audio.done","usage":{"input_tokens":3,"output_tokens":7,"total_tokens":10}}""");
        var handler = new RecordingHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new SlowContent(body) });
        var path = Path.Combine(Path.GetTempPath(), $"speech-{Guid.NewGuid():N}.pcm");
        try
        {
            var usage = await AudioTestSupport.CreateClient(handler).StreamSpeechAsync(new SpeechRequest { Input = "Hi", Voice = SpeechVoice.Alloy }).WriteToFileAsync(path);

            Assert.Equal([1, 2, 3, 4, 5], await File.ReadAllBytesAsync(path));
            Assert.Equal((3, 7, 10), (usage!.InputTokens, usage.OutputTokens, usage.TotalTokens));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task StreamSpeechAsync_EndsBeforeDone_ThrowsStreamCut()
    {
        var handler = new RecordingHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new SlowContent(Sse("""{"type":"speech.audio.delta","audio":"AQID"}""")) });

        var exception = await Assert.ThrowsAsync<ChatGptException>(async () =>
        {
            await foreach (var _ in AudioTestSupport.CreateClient(handler).StreamSpeechAsync(new SpeechRequest { Input = "Hi", Voice = SpeechVoice.Alloy }))
            {
            }
        });

        Assert.Contains("cut before", exception.Message, StringComparison.Ordinal);
    }

    private static TranscriptionRequest Request() => new(new MemoryStream(AudioTestSupport.Wav(0.1)), "a.wav");

    private static ChatGptAudioClient Client(SlowContent content, Action<ChatGptOptions>? configure = null, TimeProvider? time = null) =>
        AudioTestSupport.CreateClient(new RecordingHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = content }), configure, time);

    private static string Sse(params string[] data) => string.Concat(data.Select(d => $"data: {d}\n\n"));

    private static async Task<List<TranscriptionStreamEvent>> ReadAllAsync(ChatGptAudioClient client, List<TranscriptionStreamEvent>? into = null)
    {
        into ??= [];
        await foreach (var item in client.StreamTranscriptionAsync(Request()))
        {
            into.Add(item);
        }

        return into;
    }
}
