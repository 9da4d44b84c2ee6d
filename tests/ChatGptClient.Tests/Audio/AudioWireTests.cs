using System.Text.Json;
using System.Text.Json.Nodes;
using ChatGpt.Audio;
using ChatGpt.Tests.TestSupport;

namespace ChatGpt.Tests.Audio;

/// <summary>What the audio client puts on the wire, field by field, checked against the spec's request schemas.</summary>
public sealed class AudioWireTests
{
    private const string JsonBody = """{"text":"ok"}""";

    private static readonly JsonElement s_schemas = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Audio", "Spec", "openai-audio.schemas.json"))).RootElement;

    [Fact]
    public async Task TranscribeAsync_EveryField_IsOneFormPartInTheSpecsNamesAndTheAudioComesLast()
    {
        var handler = new RecordingHandler("application/json", JsonBody);
        var wav = AudioTestSupport.Wav(0.5, "hello");
        var request = new TranscriptionRequest(new MemoryStream(wav), "question.wav")
        {
            Model = TranscriptionModel.Gpt4oTranscribe,
            Language = "en",
            Languages = ["en", "fr"],
            Keywords = ["ChatGptClient", "Paris"],
            Prompt = "A question about capitals.",
            ResponseFormat = TranscriptionFormat.Json,
            Temperature = 0.2f,
            Include = [TranscriptionInclude.Logprobs],
            TimestampGranularities = [TimestampGranularity.Word, TimestampGranularity.Segment],
            ChunkingStrategy = TranscriptionChunkingStrategy.ServerVad(prefixPaddingMs: 300, silenceDurationMs: 200, threshold: 0.5),
            KnownSpeakerNames = ["agent"],
            KnownSpeakerReferences = ["data:audio/wav;base64,AAAA"],
        };

        await AudioTestSupport.CreateClient(handler).TranscribeAsync(request);

        var (message, body, contentType, contentLength) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, message.Method);
        Assert.Equal(TestClients.BaseUrl + "audio/transcriptions", message.RequestUri!.ToString());
        Assert.StartsWith("multipart/form-data; boundary=", contentType, StringComparison.Ordinal);
        Assert.Equal(body.Length, contentLength);
        var parts = await AudioTestSupport.ParseMultipartAsync(body, contentType!);
        Assert.Equal(
            [
                ("model", "gpt-4o-transcribe"), ("language", "en"), ("languages[]", "en"), ("languages[]", "fr"),
                ("keywords[]", "ChatGptClient"), ("keywords[]", "Paris"), ("prompt", "A question about capitals."),
                ("response_format", "json"), ("temperature", "0.2"), ("include[]", "logprobs"),
                ("timestamp_granularities[]", "word"), ("timestamp_granularities[]", "segment"),
                ("chunking_strategy", """{"type":"server_vad","prefix_padding_ms":300,"silence_duration_ms":200,"threshold":0.5}"""),
                ("known_speaker_names[]", "agent"), ("known_speaker_references[]", "data:audio/wav;base64,AAAA"),
            ],
            parts.Where(p => p.FileName is null).Select(p => (p.Name, p.Text)));
        var file = parts[^1];
        Assert.Equal(("file", "question.wav", "audio/wav"), (file.Name, file.FileName, file.ContentType));
        Assert.Equal(wav, file.Body);
        Assert.All(parts.Where(p => p.FileName is null), p => Assert.Null(p.ContentType));

        // Every property of the spec's request has a form field (stream is set by StreamTranscriptionAsync, file is the audio).
        var sent = parts.Select(p => p.Name.TrimEnd('[', ']')).Append("stream").ToHashSet();
        Assert.Equal(SpecProperties("CreateTranscriptionRequest").Order(), sent.Order());

        // The server_vad object carries exactly the spec's VadConfig properties.
        var vad = JsonNode.Parse(parts.Single(p => p.Name == "chunking_strategy").Text)!.AsObject();
        Assert.Equal(SpecProperties("VadConfig").Order(), vad.Select(p => p.Key).Order());
    }

    [Fact]
    public async Task StreamTranscriptionAsync_SendsStreamTrueAndAcceptsEvents()
    {
        var handler = new RecordingHandler("text/event-stream", "data: {\"type\":\"transcript.text.done\",\"text\":\"hi\"}\n\n");
        var request = new TranscriptionRequest(new MemoryStream(AudioTestSupport.Wav(0.1)), "a.wav") { ChunkingStrategy = TranscriptionChunkingStrategy.Auto };

        await foreach (var _ in AudioTestSupport.CreateClient(handler).StreamTranscriptionAsync(request))
        {
        }

        var (message, body, contentType, _) = Assert.Single(handler.Requests);
        var parts = await AudioTestSupport.ParseMultipartAsync(body, contentType!);
        Assert.Equal("true", parts.Single(p => p.Name == "stream").Text);
        Assert.Equal("auto", parts.Single(p => p.Name == "chunking_strategy").Text);
        Assert.Equal("gpt-4o-mini-transcribe", parts.Single(p => p.Name == "model").Text);
        Assert.Contains("text/event-stream", message.Headers.Accept.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TranslateAsync_EveryField_MatchesTheSpecsTranslationRequest()
    {
        var handler = new RecordingHandler("application/json", JsonBody);
        var request = new TranslationRequest(new MemoryStream(AudioTestSupport.Wav(0.1)), "german.m4a")
        {
            Prompt = "In English.",
            ResponseFormat = TranscriptionFormat.VerboseJson,
            Temperature = 0,
        };

        await AudioTestSupport.CreateClient(handler).TranslateAsync(request);

        var (message, body, contentType, _) = Assert.Single(handler.Requests);
        Assert.EndsWith("/audio/translations", message.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        var parts = await AudioTestSupport.ParseMultipartAsync(body, contentType!);
        Assert.Equal([("model", "whisper-1"), ("prompt", "In English."), ("response_format", "verbose_json"), ("temperature", "0")], parts.Where(p => p.FileName is null).Select(p => (p.Name, p.Text)));
        Assert.Equal(("file", "german.m4a", "audio/mp4"), (parts[^1].Name, parts[^1].FileName, parts[^1].ContentType));
        Assert.Equal(SpecProperties("CreateTranslationRequest").Order(), parts.Select(p => p.Name).Order());
    }

    [Fact]
    public async Task CreateSpeechAsync_EveryField_IsTheSpecsJson()
    {
        var handler = new RecordingHandler((_, _) => new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new ByteArrayContent([1, 2, 3]) });
        var request = new SpeechRequest
        {
            Model = SpeechModel.Gpt4oMiniTts,
            Input = "Paris.",
            Voice = SpeechVoice.Coral,
            Instructions = "Cheerful.",
            ResponseFormat = SpeechFormat.Wav,
            Speed = 1.25f,
        };

        await using (await AudioTestSupport.CreateClient(handler).CreateSpeechAsync(request))
        {
        }

        var body = Encoding(handler);
        WireCapture.AssertJsonEqual("""{"model":"gpt-4o-mini-tts","input":"Paris.","instructions":"Cheerful.","voice":"coral","response_format":"wav","speed":1.25}""", body);
        var names = JsonNode.Parse(body)!.AsObject().Select(p => p.Key).Append("stream_format");
        Assert.Equal(SpecProperties("CreateSpeechRequest").Order(), names.Order());
        Assert.Equal("application/json", handler.Requests[0].ContentType);
    }

    [Fact]
    public async Task StreamSpeechAsync_CustomVoiceAndDefaults_SendsTheVoiceObjectAndStreamFormatSse()
    {
        var handler = new RecordingHandler("text/event-stream", "data: {\"type\":\"speech.audio.done\"}\n\n");

        await foreach (var _ in AudioTestSupport.CreateClient(handler).StreamSpeechAsync(new SpeechRequest { Input = "Hi", Voice = SpeechVoice.Custom("voice_1234") }))
        {
        }

        WireCapture.AssertJsonEqual("""{"model":"gpt-4o-mini-tts","input":"Hi","voice":{"id":"voice_1234"},"stream_format":"sse"}""", Encoding(handler));
    }

    [Fact]
    public void ValueTypes_CoverEveryValueTheSpecEnumerates()
    {
        Assert.Equal(SpecEnum("AudioResponseFormat"), Values<TranscriptionFormat>());
        Assert.Equal(SpecEnum("CreateSpeechRequest", "response_format"), Values<SpeechFormat>());
        Assert.Subset(Values<SpeechVoice>().ToHashSet(), SpecEnum("VoiceIdsShared").ToHashSet());
        Assert.Equal(SpecEnum("TranscriptionInclude"), Values<TranscriptionInclude>());
        Assert.Equal(["word", "segment"], Values<TimestampGranularity>());
        Assert.Subset(Values<TranscriptionModel>().ToHashSet(), SpecModels("CreateTranscriptionRequest").Where(m => !m.Contains("2025", StringComparison.Ordinal)).ToHashSet());
        Assert.Subset(Values<SpeechModel>().ToHashSet(), SpecModels("CreateSpeechRequest").Where(m => !m.Contains("2025", StringComparison.Ordinal)).ToHashSet());
    }

    [Fact]
    public void ValueTypes_RoundTripUnknownValuesAndCompareIgnoringCase()
    {
        var voice = JsonSerializer.Deserialize("\"brand-new\"", ChatGpt.Audio.Internal.AudioJsonContext.Default.SpeechStreamEvent.Options.GetTypeInfo(typeof(SpeechVoice)));
        Assert.Equal(new SpeechVoice("brand-new"), voice);
        Assert.Equal(SpeechFormat.Wav, new SpeechFormat("WAV"));
        Assert.NotEqual(SpeechVoice.Custom("alloy"), SpeechVoice.Alloy);
        Assert.Throws<ArgumentException>(() => new TranscriptionFormat(" "));
    }

    private static string Encoding(RecordingHandler handler) => System.Text.Encoding.UTF8.GetString(handler.Requests[0].Body);

    private static List<string> SpecProperties(string schema) => [.. s_schemas.GetProperty(schema).GetProperty("properties").EnumerateObject().Select(p => p.Name)];

    private static List<string> SpecEnum(string schema, string? property = null)
    {
        var node = s_schemas.GetProperty(schema);
        if (property is not null)
        {
            node = node.GetProperty("properties").GetProperty(property);
        }

        if (node.TryGetProperty("anyOf", out var anyOf))
        {
            node = anyOf.EnumerateArray().First(a => a.TryGetProperty("enum", out _));
        }

        return [.. node.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!)];
    }

    private static List<string> SpecModels(string schema) =>
        [.. s_schemas.GetProperty(schema).GetProperty("properties").GetProperty("model").GetProperty("anyOf").EnumerateArray()
            .Where(a => a.TryGetProperty("enum", out _)).SelectMany(a => a.GetProperty("enum").EnumerateArray()).Select(e => e.GetString()!)];

    private static List<string> Values<T>()
        where T : struct =>
        [.. typeof(T).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(T)).Select(p => p.GetValue(null)!.ToString()!)];
}
