using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChatGpt.Testing.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ChatGpt.Testing.Tests.Audio;

/// <summary>The emulator's audio endpoints driven with raw HTTP, as any client would: deterministic transcripts from the
/// WAV's metadata or its real duration, every format, streamed events, the API's errors, and speech as valid WAV/PCM.</summary>
public sealed class AudioEmulatorTests
{
    private const string Question = "What is the capital of France?";

    [Fact]
    public async Task Transcriptions_WavWithIcmt_ReturnsItsTextWithTokenUsage()
    {
        using var response = await TranscribeAsync(Wav(2.0, Question), "question.wav", ("model", "gpt-4o-transcribe"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadJsonAsync();
        Assert.Equal(Question, json.GetProperty("text").GetString());
        var usage = json.GetProperty("usage");
        Assert.Equal("tokens", usage.GetProperty("type").GetString());
        Assert.Equal(20, usage.GetProperty("input_token_details").GetProperty("audio_tokens").GetInt32());
        Assert.Equal(usage.GetProperty("input_tokens").GetInt32() + usage.GetProperty("output_tokens").GetInt32(), usage.GetProperty("total_tokens").GetInt32());
        Assert.NotNull(response.Header("x-request-id"));
    }

    [Fact]
    public async Task Transcriptions_WavWithoutMetadata_SaysItIsEmulatedWithTheRealDuration()
    {
        using var response = await TranscribeAsync(Wav(2.5), "silence.wav", ("model", "whisper-1"));

        var json = await response.ReadJsonAsync();
        var text = json.GetProperty("text").GetString()!;
        Assert.StartsWith("[Emulated transcription: 2.50 seconds of WAV audio.", text, StringComparison.Ordinal);
        Assert.Equal(("duration", 3), (json.GetProperty("usage").GetProperty("type").GetString(), json.GetProperty("usage").GetProperty("seconds").GetInt32()));
    }

    [Fact]
    public async Task Transcriptions_VerboseJsonWithWordsAndSegments_TimesTheWordsOverTheDuration()
    {
        using var response = await TranscribeAsync(Wav(3.0, "Hello there. How are you?"), "a.wav", ("model", "whisper-1"), ("response_format", "verbose_json"), ("timestamp_granularities[]", "word"), ("timestamp_granularities[]", "segment"));

        var json = await response.ReadJsonAsync();
        Assert.Equal(("transcribe", "english", 3.0), (json.GetProperty("task").GetString(), json.GetProperty("language").GetString(), json.GetProperty("duration").GetDouble()));
        var words = json.GetProperty("words").EnumerateArray().ToList();
        Assert.Equal(["Hello", "there.", "How", "are", "you?"], words.Select(w => w.GetProperty("word").GetString()));
        Assert.Equal(0, words[0].GetProperty("start").GetDouble());
        Assert.All(words.Zip(words.Skip(1)), pair => Assert.True(pair.First.GetProperty("end").GetDouble() <= pair.Second.GetProperty("start").GetDouble()));
        Assert.True(words[^1].GetProperty("end").GetDouble() <= 3.0);
        var segments = json.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal([" Hello there.", " How are you?"], segments.Select(s => s.GetProperty("text").GetString()));
        Assert.Equal(3.0, segments[^1].GetProperty("end").GetDouble());
        Assert.All(segments, s => Assert.True(s.GetProperty("tokens").GetArrayLength() > 0));
        Assert.All(["seek", "temperature", "avg_logprob", "compression_ratio", "no_speech_prob"], name => Assert.True(segments[0].TryGetProperty(name, out _), name));
    }

    [Fact]
    public async Task Transcriptions_Srt_NumbersTheCuesWithCommaTimestamps()
    {
        using var response = await TranscribeAsync(Wav(4.0, "One. Two."), "a.wav", ("model", "whisper-1"), ("response_format", "srt"));

        Assert.Equal("text/plain", response.ContentType()!.MediaType);
        var srt = await response.Content.ReadAsStringAsync();
        Assert.Matches(@"^1\n00:00:00,000 --> 00:00:\d\d,\d{3}\nOne\.\n\n2\n00:00:\d\d,\d{3} --> 00:00:04,000\nTwo\.\n\n$", srt);
    }

    [Fact]
    public async Task Transcriptions_Vtt_StartsWithTheHeaderAndUsesDotTimestamps()
    {
        using var response = await TranscribeAsync(Wav(1.0, "Hi."), "a.wav", ("model", "whisper-1"), ("response_format", "vtt"));

        Assert.Equal("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nHi.\n\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Transcriptions_Text_IsThePlainTextWithANewline()
    {
        using var response = await TranscribeAsync(Wav(1.0, Question), "a.wav", ("model", "gpt-4o-mini-transcribe"), ("response_format", "text"));

        Assert.Equal(Question + "\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Transcriptions_DiarizedJson_LabelsTheSpeakerOfEachSegment()
    {
        using var response = await TranscribeAsync(Wav(2.0, "Hello. Bye."), "a.wav", ("model", "gpt-4o-transcribe-diarize"), ("response_format", "diarized_json"));

        var json = await response.ReadJsonAsync();
        var segments = json.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal([("seg_001", "Hello.", "A"), ("seg_002", "Bye.", "A")], segments.Select(s => (s.GetProperty("id").GetString(), s.GetProperty("text").GetString(), s.GetProperty("speaker").GetString())));
        Assert.All(segments, s => Assert.Equal("transcript.text.segment", s.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Transcriptions_JsonWithLogprobs_HasOneEntryPerToken()
    {
        using var response = await TranscribeAsync(Wav(1.0, Question), "a.wav", ("model", "gpt-4o-transcribe"), ("include[]", "logprobs"));

        var json = await response.ReadJsonAsync();
        var logprobs = json.GetProperty("logprobs").EnumerateArray().ToList();
        Assert.Equal(Question, string.Concat(logprobs.Select(l => l.GetProperty("token").GetString())));
        Assert.All(logprobs, l => Assert.True(l.GetProperty("logprob").GetDouble() < 0));
    }

    [Fact]
    public async Task Transcriptions_Stream_SendsDeltasThenDoneWithUsage()
    {
        using var response = await TranscribeAsync(Wav(1.0, Question), "a.wav", ("model", "gpt-4o-mini-transcribe"), ("stream", "true"));

        Assert.Equal("text/event-stream", response.ContentType()!.MediaType);
        var events = (await response.ReadEventsAsync()).Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.All(events[..^1], e => Assert.Equal("transcript.text.delta", e.GetProperty("type").GetString()));
        Assert.Equal(Question, string.Concat(events[..^1].Select(e => e.GetProperty("delta").GetString())));
        Assert.Equal("transcript.text.done", events[^1].GetProperty("type").GetString());
        Assert.Equal(Question, events[^1].GetProperty("text").GetString());
        Assert.Equal("tokens", events[^1].GetProperty("usage").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Transcriptions_StreamWithWhisper_IsIgnoredLikeTheApi()
    {
        using var response = await TranscribeAsync(Wav(1.0, Question), "a.wav", ("model", "whisper-1"), ("stream", "true"));

        Assert.Equal("application/json", response.ContentType()!.MediaType);
    }

    [Fact]
    public async Task Translations_ReturnTheTextAsAnEnglishTranslation()
    {
        using var response = await PostFormAsync("/v1/audio/translations", Wav(1.0, "Hello."), "hallo.wav", ("model", "whisper-1"), ("response_format", "verbose_json"));

        var json = await response.ReadJsonAsync();
        Assert.Equal(("translate", "english", "Hello."), (json.GetProperty("task").GetString(), json.GetProperty("language").GetString(), json.GetProperty("text").GetString()));
    }

    [Theory]
    [InlineData("a.txt", new[] { "model", "whisper-1" }, 400, "Invalid file format. Supported formats: ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm']")]
    [InlineData("a.wav", new string[0], 400, "you must provide a model parameter")]
    [InlineData("a.wav", new[] { "model", "gpt-4o-transcribe", "response_format", "srt" }, 400, "response_format 'srt' is not compatible with model 'gpt-4o-transcribe'. Use 'json' or 'text'.")]
    [InlineData("a.wav", new[] { "model", "whisper-1", "temperature", "2" }, 400, "Invalid 'temperature': expected a number between 0 and 1, got '2'.")]
    [InlineData("a.wav", new[] { "model", "whisper-1", "timestamp_granularities[]", "word" }, 400, "timestamp_granularities[] is only supported with response_format=verbose_json.")]
    [InlineData("a.wav", new[] { "model", "whisper-1", "colour", "blue" }, 400, "Unrecognized request argument supplied: colour")]
    [InlineData("a.wav", new[] { "model", "whisper-1", "chunking_strategy", "sometimes" }, 400, "Invalid 'chunking_strategy': expected 'auto' or a server_vad object, got 'sometimes'.")]
    public async Task Transcriptions_InvalidRequest_AnswersWithTheApisError(string fileName, string[] fields, int status, string message)
    {
        using var response = await TranscribeAsync(Wav(1.0), fileName, [.. fields.Chunk(2).Select(f => (f[0], f[1]))]);

        Assert.Equal(status, (int)response.StatusCode);
        var error = (await response.ReadJsonAsync()).GetProperty("error");
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Transcriptions_MissingFile_AnswersWithTheApisError()
    {
        using var client = new ChatGptEmulator().CreateHttpClient();
        using var form = new MultipartFormDataContent { { new StringContent("whisper-1"), "model" } };

        using var response = await client.PostAsync("audio/transcriptions", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("file", (await response.ReadJsonAsync()).GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task Transcriptions_FileOver25Megabytes_Answers413WhileReadingItAsItArrives()
    {
        using var client = new ChatGptEmulator().CreateHttpClient();
        using var form = new MultipartFormDataContent
        {
            { new StringContent("whisper-1"), "model" },
            { new StreamContent(new ZeroStream(25L * 1024 * 1024 + 10)), "file", "long.mp3" },
        };

        using var response = await client.PostAsync("audio/transcriptions", form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.StartsWith("Maximum content size limit (26214400) exceeded", (await response.ReadJsonAsync()).GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Speech_Wav_IsAValidWavWhoseDurationFollowsTheInputAndSpeed()
    {
        const string shortInput = "Hello there, how are you today?";
        const string longInput = "Hello there, how are you today? I am fine, thank you very much for asking.";
        var shortWav = await SpeakAsync($$"""{"model":"gpt-4o-mini-tts","input":"{{shortInput}}","voice":"alloy","response_format":"wav"}""");
        var longWav = await SpeakAsync($$"""{"model":"gpt-4o-mini-tts","input":"{{longInput}}","voice":"alloy","response_format":"wav"}""");
        var fastWav = await SpeakAsync($$"""{"model":"gpt-4o-mini-tts","input":"{{shortInput}}","voice":"alloy","response_format":"wav","speed":2.0}""");

        // 15 characters a second at speed 1 (about 150 words a minute).
        var (rate, channels, bits, shortSeconds) = ReadWav(shortWav);
        Assert.Equal((24_000, 1, 16), (rate, channels, bits));
        Assert.Equal(shortInput.Length / 15.0, shortSeconds, 3);
        Assert.Equal(longInput.Length / 15.0, ReadWav(longWav).Seconds, 3);
        Assert.Equal(shortSeconds / 2, ReadWav(fastWav).Seconds, 3);
    }

    [Fact]
    public async Task Speech_Pcm_IsTheRawSamplesOfTheWav()
    {
        const string input = "One two three.";
        var wav = await SpeakAsync($$"""{"model":"tts-1","input":"{{input}}","voice":"echo","response_format":"wav"}""");
        using var client = new ChatGptEmulator().CreateHttpClient();
        using var response = await client.PostAsync("audio/speech", $$"""{"model":"tts-1","input":"{{input}}","voice":"echo","response_format":"pcm"}""");

        var pcm = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("audio/pcm", response.ContentType()!.MediaType);
        Assert.Equal(wav[^pcm.Length..], pcm);
    }

    [Fact]
    public async Task Speech_Mp3_IsAWavStandInLabelledAsSuch()
    {
        using var client = new ChatGptEmulator().CreateHttpClient();
        using var response = await client.PostAsync("audio/speech", """{"model":"gpt-4o-mini-tts","input":"Hi.","voice":{"id":"voice_1234"}}""");

        Assert.Equal("audio/wav", response.ContentType()!.MediaType);
        Assert.StartsWith("wav; the emulator does not encode mp3", response.Header("x-emulator-stand-in"), StringComparison.Ordinal);
        Assert.Equal("voice_1234", response.Header("x-emulator-voice"));
        Assert.Equal("RIFF"u8.ToArray(), (await response.Content.ReadAsByteArrayAsync())[..4]);
    }

    [Fact]
    public async Task Speech_Sse_SendsBase64DeltasThatJoinToTheWavThenDoneWithUsage()
    {
        var wav = await SpeakAsync("""{"model":"gpt-4o-mini-tts","input":"Hello there.","voice":"alloy","response_format":"wav"}""");
        using var client = new ChatGptEmulator().CreateHttpClient();
        using var response = await client.PostAsync("audio/speech", """{"model":"gpt-4o-mini-tts","input":"Hello there.","voice":"alloy","response_format":"wav","stream_format":"sse"}""");

        var events = (await response.ReadEventsAsync()).Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.True(events.Count > 2);
        Assert.Equal(wav, events[..^1].SelectMany(e => e.GetProperty("audio").GetBytesFromBase64()).ToArray());
        Assert.Equal("speech.audio.done", events[^1].GetProperty("type").GetString());
        Assert.True(events[^1].GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task Speech_Audio_ArrivesChunkByChunkWithTheChunkDelay()
    {
        var time = new FakeTimeProvider();
        using var client = new ChatGptEmulator(time) { ChunkDelay = TimeSpan.FromMilliseconds(100) }.CreateHttpClient();
        using var request = Api.Post("audio/speech", """{"model":"gpt-4o-mini-tts","input":"Hello there, this is a longer answer.","voice":"alloy","response_format":"pcm"}""");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];

        var first = await body.ReadAsync(buffer);
        var second = body.ReadAsync(buffer).AsTask();
        Assert.Equal(4_800, first);
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Equal(4_800, await second);
    }

    [Fact]
    public async Task Speech_TheEmulatorTranscribesItsOwnSpeechBackToTheText()
    {
        var wav = await SpeakAsync("""{"model":"gpt-4o-mini-tts","input":"The capital of France is Paris.","voice":"alloy","response_format":"wav"}""");

        using var response = await TranscribeAsync(wav, "answer.wav", ("model", "whisper-1"), ("response_format", "verbose_json"));

        var json = await response.ReadJsonAsync();
        Assert.Equal("The capital of France is Paris.", json.GetProperty("text").GetString());
        Assert.Equal(31 / 15.0, json.GetProperty("duration").GetDouble(), 2);
    }

    [Theory]
    [InlineData("""{"model":"tts-1","input":"Hi","voice":"robot"}""", "voice", "invalid_value")]
    [InlineData("""{"model":"tts-1","voice":"alloy"}""", "input", "missing_required_parameter")]
    [InlineData("""{"input":"Hi","voice":"alloy"}""", "model", null)]
    [InlineData("""{"model":"tts-1","input":"Hi","voice":"alloy","stream_format":"sse"}""", "stream_format", "unsupported_value")]
    [InlineData("""{"model":"tts-1","input":"Hi","voice":"alloy","response_format":"ogg"}""", "response_format", "invalid_value")]
    [InlineData("""{"model":"tts-1","input":"Hi","voice":"alloy","speed":5}""", "speed", null)]
    [InlineData("""{"model":"tts-1","input":"Hi","voice":"alloy","pitch":2}""", null, null)]
    public async Task Speech_InvalidRequest_AnswersWithTheApisError(string body, string? param, string? code)
    {
        using var client = new ChatGptEmulator().CreateHttpClient();
        using var response = await client.PostAsync("audio/speech", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.ReadJsonAsync()).GetProperty("error");
        Assert.Equal(param, error.GetProperty("param").GetString());
        if (code is not null)
        {
            Assert.Equal(code, error.GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task Speech_InputOver4096Characters_AnswersStringTooLong()
    {
        using var client = new ChatGptEmulator().CreateHttpClient();
        using var response = await client.PostAsync("audio/speech", JsonSerializer.Serialize(new Dictionary<string, string> { ["model"] = "tts-1", ["voice"] = "alloy", ["input"] = new string('a', 4097) }));

        Assert.Equal("string_above_max_length", (await response.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetString());
    }

    internal static byte[] Wav(double seconds, string? comment = null)
    {
        var data = new byte[(int)(seconds * 16_000) * 2];
        var info = Array.Empty<byte>();
        if (comment is not null)
        {
            var text = Encoding.UTF8.GetBytes(comment + "\0");
            var padded = text.Length + (text.Length & 1);
            info = new byte[12 + 8 + padded];
            "LIST"u8.CopyTo(info);
            BinaryPrimitives.WriteInt32LittleEndian(info.AsSpan(4), 4 + 8 + padded);
            "INFO"u8.CopyTo(info.AsSpan(8));
            "ICMT"u8.CopyTo(info.AsSpan(12));
            BinaryPrimitives.WriteInt32LittleEndian(info.AsSpan(16), text.Length);
            text.CopyTo(info, 20);
        }

        var wav = new byte[12 + 24 + info.Length + 8 + data.Length];
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), wav.Length - 8);
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), 16_000);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), 32_000);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 16);
        info.CopyTo(wav, 36);
        "data"u8.CopyTo(wav.AsSpan(36 + info.Length));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40 + info.Length), data.Length);
        return wav;
    }

    private static (int Rate, int Channels, int Bits, double Seconds) ReadWav(byte[] wav)
    {
        Assert.Equal("RIFF"u8.ToArray(), wav[..4]);
        Assert.Equal(wav.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(4)));
        Assert.Equal("WAVEfmt "u8.ToArray(), wav[8..16]);
        int rate = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(24)), byteRate = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(28));
        int channels = BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(22)), bits = BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(34));
        var position = 36;
        while (!wav.AsSpan(position, 4).SequenceEqual("data"u8))
        {
            position += 8 + BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(position + 4));
        }

        var dataBytes = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(position + 4));
        Assert.Equal(wav.Length, position + 8 + dataBytes);
        return (rate, channels, bits, (double)dataBytes / byteRate);
    }

    private static async Task<byte[]> SpeakAsync(string json)
    {
        using var client = new ChatGptEmulator().CreateHttpClient();
        using var response = await client.PostAsync("audio/speech", json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static Task<HttpResponseMessage> TranscribeAsync(byte[] audio, string fileName, params (string Name, string Value)[] fields) =>
        PostFormAsync("/v1/audio/transcriptions", audio, fileName, fields);

    private static async Task<HttpResponseMessage> PostFormAsync(string path, byte[] audio, string fileName, params (string Name, string Value)[] fields)
    {
        using var client = new ChatGptEmulator().CreateHttpClient();
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), $"\"{name}\"");
        }

        var file = new ByteArrayContent(audio);
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(file, "\"file\"", $"\"{fileName}\"");
        return await client.PostAsync(path.TrimStart('/')["v1/".Length..], form);
    }

    private sealed class ZeroStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Clear(buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
