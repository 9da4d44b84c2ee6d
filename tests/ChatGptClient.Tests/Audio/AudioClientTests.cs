using System.Net;
using ChatGpt.Audio;
using ChatGpt.Http.Uploads;
using ChatGpt.Testing;
using ChatGpt.Tests.Http.Uploads;
using Microsoft.Extensions.DependencyInjection;

namespace ChatGpt.Tests.Audio;

/// <summary>The audio client's checks before sending, its memory bound, its retries and its registration.</summary>
public sealed class AudioClientTests
{
    [Fact]
    public async Task TranscribeAsync_FileOver25Megabytes_FailsAtOnceAndSendsNothing()
    {
        var handler = new RecordingHandler("application/json", "{}");

        var exception = await Assert.ThrowsAsync<ChatGptException>(() => AudioTestSupport.CreateClient(handler).TranscribeAsync(new TranscriptionRequest(new PatternStream(AudioLimits.MaxFileBytes + 1), "long.mp3")));

        Assert.Contains("too large", exception.Message, StringComparison.Ordinal);
        Assert.Contains("26,214,400", exception.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task TranscribeAsync_FileOfExactly25Megabytes_IsSent()
    {
        var handler = new RecordingHandler("application/json", """{"text":"ok"}""") { DrainOnly = true };

        await AudioTestSupport.CreateClient(handler).TranscribeAsync(new TranscriptionRequest(new PatternStream(AudioLimits.MaxFileBytes), "long.mp3"));

        Assert.True(handler.BytesDrained > AudioLimits.MaxFileBytes);
    }

    [Theory]
    [InlineData("notes.txt")]
    [InlineData("song.aiff")]
    [InlineData("no-extension")]
    public async Task TranscribeAsync_FormatTheApiDoesNotTake_FailsAtOnceAndSendsNothing(string fileName)
    {
        var handler = new RecordingHandler("application/json", "{}");

        var exception = await Assert.ThrowsAsync<ChatGptException>(() => AudioTestSupport.CreateClient(handler).TranscribeAsync(new TranscriptionRequest(new MemoryStream([1, 2, 3]), fileName)));

        Assert.Contains("not in a format the API takes", exception.Message, StringComparison.Ordinal);
        Assert.Contains("flac, mp3, mp4, mpeg, mpga, m4a, ogg, wav, webm", exception.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task TranslateAsync_EmptyFile_FailsAtOnce()
    {
        var handler = new RecordingHandler("application/json", "{}");

        await Assert.ThrowsAsync<ChatGptException>(() => AudioTestSupport.CreateClient(handler).TranslateAsync(new TranslationRequest(new MemoryStream(), "empty.wav")));

        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task StreamTranscriptionAsync_UnsupportedFormat_FailsWhenCalledNotWhenEnumerated()
    {
        var client = AudioTestSupport.CreateClient(new RecordingHandler("text/event-stream", string.Empty));

        Assert.Throws<ChatGptException>(() => client.StreamTranscriptionAsync(new TranscriptionRequest(new MemoryStream([1]), "a.txt")));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task TranscribeAsync_NonSeekableStreamPastTheLimit_StopsWithTheSizeError()
    {
        var handler = new RecordingHandler("application/json", """{"text":"ok"}""") { DrainOnly = true };

        var exception = await Assert.ThrowsAsync<ChatGptException>(() => AudioTestSupport.CreateClient(handler).TranscribeAsync(new TranscriptionRequest(new PatternStream(AudioLimits.MaxFileBytes + 100_000, canSeek: false), "live.ogg")));

        Assert.Contains("too large", exception.Message, StringComparison.Ordinal);
        Assert.Null(exception.StatusCode);
    }

    [Fact]
    public async Task TranscribeAsync_ReportsUploadProgressUpToTheFileSize()
    {
        var reports = new List<UploadProgress>();
        var handler = new RecordingHandler("application/json", """{"text":"ok"}""") { DrainOnly = true };
        var request = new TranscriptionRequest(new PatternStream(200_000), "a.wav") { Progress = new UploadContentTests.SyncProgress(reports.Add) };

        await AudioTestSupport.CreateClient(handler).TranscribeAsync(request);

        Assert.Equal(new UploadProgress(0, 200_000), reports[0]);
        Assert.Equal(new UploadProgress(200_000, 200_000), reports[^1]);
    }

    [Fact]
    public async Task TranscribeAsync_ServerErrorWithAReplayableFile_IsRetriedWithTheSameBytes()
    {
        var emulator = new ChatGptEmulator();
        emulator.Enqueue(EmulatorResponse.ServerError(HttpStatusCode.ServiceUnavailable));
        using var services = Services(emulator);
        var path = Path.Combine(Path.GetTempPath(), $"question-{Guid.NewGuid():N}.wav");
        await File.WriteAllBytesAsync(path, AudioTestSupport.Wav(1.5, "What is the capital of France?"));
        try
        {
            var result = await services.GetRequiredService<IChatGptAudioClient>().TranscribeAsync(new TranscriptionRequest(path));

            Assert.Equal("What is the capital of France?", result.Text);
            Assert.Equal(2, emulator.Requests.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task TranscribeAsync_ServerErrorWithANonSeekableStream_IsNotRetriedAndSaysWhy()
    {
        var emulator = new ChatGptEmulator();
        emulator.Enqueue(EmulatorResponse.ServerError(HttpStatusCode.ServiceUnavailable));
        using var services = Services(emulator);
        var audio = new ForwardOnlyStream(AudioTestSupport.Wav(1, "hi"));

        var exception = await Assert.ThrowsAsync<ChatGptException>(() => services.GetRequiredService<IChatGptAudioClient>().TranscribeAsync(new TranscriptionRequest(audio, "live.wav")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, exception.StatusCode);
        Assert.Contains("was not retried", exception.Message, StringComparison.Ordinal);
        Assert.Single(emulator.Requests);
    }

    [Fact]
    public async Task AddChatGpt_RegistersTheAudioClientOnTheSamePipelineAsChat()
    {
        var emulator = new ChatGptEmulator();
        using var services = Services(emulator);

        var audio = services.GetRequiredService<IChatGptAudioClient>();
        await using var speech = await audio.CreateSpeechAsync(new SpeechRequest { Input = "Hello there.", Voice = SpeechVoice.Alloy, ResponseFormat = SpeechFormat.Wav });
        using var copy = new MemoryStream();
        await speech.CopyToAsync(copy);

        Assert.IsType<ChatGptAudioClient>(audio);
        Assert.Equal("audio/wav", speech.ContentType);
        Assert.Equal("RIFF"u8.ToArray(), copy.ToArray()[..4]);
        Assert.Equal("/v1/audio/speech", Assert.Single(emulator.Requests).Path);
    }

    [Fact]
    public async Task CreateSpeechAsync_InvalidArguments_ThrowBeforeSending()
    {
        var handler = new RecordingHandler("application/json", "{}");
        var client = AudioTestSupport.CreateClient(handler);

        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateSpeechAsync(new SpeechRequest { Input = new string('a', 4097), Voice = SpeechVoice.Alloy }));
        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateSpeechAsync(new SpeechRequest { Input = "", Voice = SpeechVoice.Alloy }));
        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateSpeechAsync(new SpeechRequest { Input = "hi", Voice = default }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.CreateSpeechAsync(new SpeechRequest { Input = "hi", Voice = SpeechVoice.Alloy, Speed = 5 }));
        Assert.Empty(handler.Requests);
    }

    private static ServiceProvider Services(ChatGptEmulator emulator)
    {
        var services = new ServiceCollection();
        services.AddChatGpt(o =>
        {
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Resilience.UseJitter = false;
        }).UseEmulator(emulator);
        return services.BuildServiceProvider();
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
