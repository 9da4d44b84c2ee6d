using ChatGpt.Audio;
using Microsoft.Extensions.DependencyInjection;

namespace ChatGpt.Testing.Tests.Audio;

/// <summary>
/// Ties the emulator's accepted audio fields to the client's public request types: a request with every property set goes
/// through the real client to an emulator that rejects unknown parameters and is answered.
/// </summary>
public sealed class AudioAcceptedFieldsTests
{
    [Fact]
    public async Task TranscriptionRequest_EveryProperty_IsAcceptedByTheEmulator()
    {
        var emulator = new ChatGptEmulator();
        var audio = Client(emulator);
        var request = new TranscriptionRequest(new MemoryStream(AudioEmulatorTests.Wav(1, "Hello.")), "a.wav")
        {
            Model = TranscriptionModel.Gpt4oTranscribe,
            Language = "en",
            Languages = ["en"],
            Keywords = ["Hello"],
            Prompt = "Greeting.",
            ResponseFormat = TranscriptionFormat.Json,
            Temperature = 0.1f,
            Include = [TranscriptionInclude.Logprobs],
            ChunkingStrategy = TranscriptionChunkingStrategy.ServerVad(300, 200, 0.5),
            KnownSpeakerNames = ["agent"],
            KnownSpeakerReferences = ["data:audio/wav;base64,AAAA"],
        };

        var result = await audio.TranscribeAsync(request);

        Assert.Equal("Hello.", result.Text);
        Assert.NotEmpty(result.Logprobs!);

        // The one property the first request cannot carry with json: timestamp granularities need verbose_json.
        var verbose = await audio.TranscribeAsync(new TranscriptionRequest(new MemoryStream(AudioEmulatorTests.Wav(1, "Hello.")), "a.wav")
        {
            Model = TranscriptionModel.Whisper1,
            ResponseFormat = TranscriptionFormat.VerboseJson,
            TimestampGranularities = [TimestampGranularity.Word],
        });
        Assert.Equal("Hello.", Assert.Single(verbose.Words!).Word);
    }

    [Fact]
    public async Task TranslationAndSpeechRequests_EveryProperty_AreAcceptedByTheEmulator()
    {
        var audio = Client(new ChatGptEmulator());

        var translation = await audio.TranslateAsync(new TranslationRequest(new MemoryStream(AudioEmulatorTests.Wav(1, "Hallo.")), "a.wav")
        {
            Model = TranscriptionModel.Whisper1,
            Prompt = "German.",
            ResponseFormat = TranscriptionFormat.Json,
            Temperature = 0,
        });
        await using var speech = await audio.CreateSpeechAsync(new SpeechRequest
        {
            Model = SpeechModel.Gpt4oMiniTts,
            Input = "Hi.",
            Voice = SpeechVoice.Custom("voice_1234"),
            Instructions = "Calm.",
            ResponseFormat = SpeechFormat.Pcm,
            Speed = 1.5f,
        });
        var events = 0;
        await foreach (var _ in audio.StreamSpeechAsync(new SpeechRequest { Input = "Hi.", Voice = SpeechVoice.Alloy }))
        {
            events++;
        }

        Assert.Equal("Hallo.", translation.Text);
        Assert.Equal("audio/pcm", speech.ContentType);
        Assert.True(events >= 2);
    }

    private static IChatGptAudioClient Client(ChatGptEmulator emulator)
    {
        var services = new ServiceCollection();
        services.AddChatGpt().UseEmulator(emulator);
        return services.BuildServiceProvider().GetRequiredService<IChatGptAudioClient>();
    }
}
