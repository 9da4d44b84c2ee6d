using ChatGpt.Audio;

namespace ChatGpt.Tests.Audio;

/// <summary>Each response format of a transcription or translation, read into <see cref="Transcription"/>.</summary>
public sealed class TranscriptionParsingTests
{
    [Fact]
    public async Task TranscribeAsync_Json_ReadsTextLogprobsLanguagesAndTokenUsage()
    {
        const string body = """
            {"text":"Hi there","languages":[{"code":"en"}],"logprobs":[{"token":"Hi","logprob":-0.1,"bytes":[72,105]}],
             "usage":{"type":"tokens","input_tokens":14,"input_token_details":{"text_tokens":10,"audio_tokens":4},"output_tokens":101,"total_tokens":115}}
            """;

        var result = await TranscribeAsync(body, "application/json", TranscriptionFormat.Json);

        Assert.Equal("Hi there", result.Text);
        Assert.Equal(TranscriptionFormat.Json, result.Format);
        Assert.Equal("en", Assert.Single(result.Languages!).Code);
        var logprob = Assert.Single(result.Logprobs!);
        Assert.Equal(("Hi", -0.1), (logprob.Token, logprob.Logprob));
        Assert.Equal([72, 105], logprob.Bytes!);
        var usage = result.Usage!;
        Assert.Equal(("tokens", 14, 10, 4, 101, 115), (usage.Type, usage.InputTokens, usage.InputTokenDetails!.TextTokens, usage.InputTokenDetails.AudioTokens, usage.OutputTokens, usage.TotalTokens));
        Assert.Equal(System.Net.HttpStatusCode.OK, result.ResponseInfo!.StatusCode);
    }

    [Fact]
    public async Task TranscribeAsync_VerboseJson_ReadsSegmentsWordsDurationAndDurationUsage()
    {
        const string body = """
            {"task":"transcribe","language":"english","duration":8.47,"text":"The beach.",
             "words":[{"word":"The","start":0.0,"end":0.24},{"word":"beach","start":0.3,"end":0.9}],
             "segments":[{"id":0,"seek":0,"start":0.0,"end":3.32,"text":" The beach.","tokens":[50364,440],"temperature":0.0,"avg_logprob":-0.28,"compression_ratio":1.23,"no_speech_prob":0.009}],
             "usage":{"type":"duration","seconds":9}}
            """;

        var result = await TranscribeAsync(body, "application/json", TranscriptionFormat.VerboseJson);

        Assert.Equal(("transcribe", "english", "The beach."), (result.Task, result.Language, result.Text));
        Assert.Equal(TimeSpan.FromSeconds(8.47), result.Duration);
        Assert.Equal([("The", 0.0, 0.24), ("beach", 0.3, 0.9)], result.Words!.Select(w => (w.Word, w.Start, w.End)));
        var segment = Assert.Single(result.Segments!);
        Assert.Equal((0, 0, 0.0, 3.32, " The beach."), (segment.Id, segment.Seek, segment.Start, segment.End, segment.Text));
        Assert.Equal([50364, 440], segment.Tokens!);
        Assert.Equal((0.0, -0.28, 1.23, 0.009), (segment.Temperature, segment.AvgLogprob, segment.CompressionRatio, segment.NoSpeechProb));
        Assert.Equal(("duration", 9.0), (result.Usage!.Type, result.Usage.Seconds));
    }

    [Fact]
    public async Task TranscribeAsync_DiarizedJson_ReadsSpeakerSegments()
    {
        const string body = """
            {"task":"transcribe","duration":42.7,"text":"Agent: Thanks.\nCustomer: Hi.",
             "segments":[{"type":"transcript.text.segment","id":"seg_001","start":0.0,"end":5.2,"text":"Thanks.","speaker":"agent"},
                         {"type":"transcript.text.segment","id":"seg_002","start":5.2,"end":12.8,"text":"Hi.","speaker":"A"}],
             "usage":{"type":"duration","seconds":43}}
            """;

        var result = await TranscribeAsync(body, "application/json", TranscriptionFormat.DiarizedJson);

        Assert.Equal(TranscriptionFormat.DiarizedJson, result.Format);
        Assert.Equal(TimeSpan.FromSeconds(42.7), result.Duration);
        Assert.Equal([("seg_001", 0.0, 5.2, "Thanks.", "agent"), ("seg_002", 5.2, 12.8, "Hi.", "A")], result.SpeakerSegments!.Select(s => (s.Id, s.Start, s.End, s.Text, s.Speaker)));
        Assert.Null(result.Segments);
        Assert.Equal(System.Net.HttpStatusCode.OK, result.ResponseInfo!.StatusCode);
    }

    [Fact]
    public async Task TranscribeAsync_Text_IsTheBodyAsSent()
    {
        var result = await TranscribeAsync("Hello world.\n", "text/plain", TranscriptionFormat.Text);

        Assert.Equal("Hello world.\n", result.Text);
        Assert.Null(result.Segments);
        Assert.Null(result.Usage);
    }

    [Fact]
    public async Task TranscribeAsync_Srt_IsTheBodyWithItsCuesAsSegments()
    {
        const string srt = "1\n00:00:00,000 --> 00:00:01,500\nHello there.\n\n2\n00:00:01,500 --> 01:02:03,250\nSecond line\nwraps.\n\n";

        var result = await TranscribeAsync(srt, "text/plain", TranscriptionFormat.Srt);

        Assert.Equal(srt, result.Text);
        Assert.Equal([(0, 0.0, 1.5, "Hello there."), (1, 1.5, 3723.25, "Second line\nwraps.")], result.Segments!.Select(s => (s.Id, s.Start, s.End, s.Text)));
    }

    [Fact]
    public async Task TranscribeAsync_Vtt_IsTheBodyWithItsCuesAsSegments()
    {
        const string vtt = "WEBVTT\n\n00:00:00.000 --> 00:00:02.040\nWhat is the capital of France?\n\n00:02.040 --> 00:03.000 align:start\nParis.\n\n";

        var result = await TranscribeAsync(vtt, "text/vtt", TranscriptionFormat.Vtt);

        Assert.Equal(vtt, result.Text);
        Assert.Equal([(0.0, 2.04, "What is the capital of France?"), (2.04, 3.0, "Paris.")], result.Segments!.Select(s => (s.Start, s.End, s.Text)));
    }

    [Fact]
    public async Task TranslateAsync_VerboseJson_ReadsTheTranslation()
    {
        var handler = new RecordingHandler("application/json", """{"language":"english","duration":2.5,"text":"Hello.","segments":[]}""");

        var result = await AudioTestSupport.CreateClient(handler).TranslateAsync(new TranslationRequest(new MemoryStream(AudioTestSupport.Wav(0.1)), "hallo.wav") { ResponseFormat = TranscriptionFormat.VerboseJson });

        Assert.Equal(("english", "Hello."), (result.Language, result.Text));
        Assert.Equal(TimeSpan.FromSeconds(2.5), result.Duration);
        Assert.Empty(result.Segments!);
    }

    [Fact]
    public async Task TranscribeAsync_MalformedJson_ThrowsChatGptException()
    {
        var exception = await Assert.ThrowsAsync<ChatGptException>(() => TranscribeAsync("{\"text\":", "application/json", TranscriptionFormat.Json));

        Assert.Contains("could not be read", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TranscribeAsync_ErrorStatus_ThrowsWithTheApisError()
    {
        var handler = new RecordingHandler("application/json", """{"error":{"message":"Invalid file format.","type":"invalid_request_error","param":"file","code":"invalid_value"}}""", System.Net.HttpStatusCode.BadRequest);

        var exception = await Assert.ThrowsAsync<ChatGptException>(() => AudioTestSupport.CreateClient(handler).TranscribeAsync(new TranscriptionRequest(new MemoryStream(AudioTestSupport.Wav(0.1)), "a.wav")));

        Assert.Equal((System.Net.HttpStatusCode.BadRequest, "invalid_value", "file"), (exception.StatusCode, exception.ErrorCode, exception.Param));
    }

    private static Task<Transcription> TranscribeAsync(string body, string contentType, TranscriptionFormat format) =>
        AudioTestSupport.CreateClient(new RecordingHandler(contentType, body))
            .TranscribeAsync(new TranscriptionRequest(new MemoryStream(AudioTestSupport.Wav(0.1)), "a.wav") { ResponseFormat = format });
}
