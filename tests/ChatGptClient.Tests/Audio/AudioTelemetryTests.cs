using ChatGpt.Audio;
using ChatGpt.Diagnostics;
using ChatGpt.Tests.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ChatGpt.Tests.Audio;

/// <summary>Audio calls get the same spans and metrics as chat, under their own operation names.</summary>
public sealed class AudioTelemetryTests
{
    [Fact]
    public async Task TranscribeAsync_RecordsASpanAndTheDurationMetricUnderItsOperationName()
    {
        using var harness = new TelemetryHarness();
        harness.RespondJson("https://api.example.test/v1/audio/transcriptions", """{"text":"hi","usage":{"type":"duration","seconds":1}}""", latency: TimeSpan.FromMilliseconds(700));
        using var duration = new MetricCollector<double>(harness.MeterFactory, ChatGptDiagnostics.MeterName, ChatGptDiagnostics.OperationDurationMetricName);
        using var spans = new ActivityRecorder();

        await harness.Services.GetRequiredService<IChatGptAudioClient>().TranscribeAsync(new TranscriptionRequest(new MemoryStream(AudioTestSupport.Wav(0.1)), "a.wav") { Model = TranscriptionModel.Whisper1 });

        var span = spans.Single();
        Assert.Equal("transcription whisper-1", span.DisplayName);
        Assert.Equal("transcription", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("whisper-1", span.GetTagItem("gen_ai.request.model"));
        var measurement = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal(0.7, measurement.Value);
        Assert.Equal("transcription", measurement.Tags["gen_ai.operation.name"]);
    }

    [Fact]
    public async Task CreateSpeechAsync_SpanCoversTheAudioUntilItIsDisposed()
    {
        using var harness = new TelemetryHarness();
        harness.RespondJson("https://api.example.test/v1/audio/speech", "RIFF....");
        using var spans = new ActivityRecorder();

        var speech = await harness.Services.GetRequiredService<IChatGptAudioClient>().CreateSpeechAsync(new SpeechRequest { Input = "Hi", Voice = SpeechVoice.Nova, Model = SpeechModel.Tts1 });
        Assert.Empty(spans.Stopped);
        await speech.DisposeAsync();

        var span = spans.Single();
        Assert.Equal("speech tts-1", span.DisplayName);
        Assert.Equal("nova", span.GetTagItem("gen_ai.request.voice"));
    }
}
