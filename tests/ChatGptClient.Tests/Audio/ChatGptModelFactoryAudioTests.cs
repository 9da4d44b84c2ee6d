using System.Net;
using System.Text.Json;
using ChatGpt.Audio;
using ChatGpt.Audio.Internal;

namespace ChatGpt.Tests.Audio;

/// <summary>The audio objects that users build for their tests are the ones the client parses from a response, the speech
/// audio and the streamed speech's bytes included (they have no public setter).</summary>
public sealed class ChatGptModelFactoryAudioTests
{
    [Fact]
    public async Task Transcription_VerboseJson_SameValuesAsAParsedOne_SerializesToTheSameJson()
    {
        const string body = """
            {"task":"transcribe","language":"english","duration":8.5,"text":"The beach.",
             "words":[{"word":"The","start":0.0,"end":0.24}],
             "segments":[{"id":0,"seek":0,"start":0.0,"end":3.32,"text":" The beach.","tokens":[50364,440],"temperature":0.0,"avg_logprob":-0.28,"compression_ratio":1.23,"no_speech_prob":0.009}],
             "logprobs":[{"token":"The","logprob":-0.1,"bytes":[84,104,101]}],"languages":[{"code":"en"}],"usage":{"type":"duration","seconds":9}}
            """;
        var parsed = await AudioTestSupport.CreateClient(new RecordingHandler("application/json", body))
            .TranscribeAsync(new TranscriptionRequest(new MemoryStream(AudioTestSupport.Wav(0.1)), "a.wav") { ResponseFormat = TranscriptionFormat.VerboseJson });

        var built = ChatGptModelFactory.Transcription(
            "The beach.",
            TranscriptionFormat.VerboseJson,
            "transcribe",
            "english",
            TimeSpan.FromSeconds(8.5),
            segments: [ChatGptModelFactory.TranscriptionSegment(0, " The beach.", 0, 3.32, tokens: [50364, 440], temperature: 0, avgLogprob: -0.28, compressionRatio: 1.23, noSpeechProb: 0.009)],
            words: [ChatGptModelFactory.TranscriptionWord("The", 0, 0.24)],
            logprobs: [ChatGptModelFactory.TranscriptionTokenLogprob("The", -0.1, [84, 104, 101])],
            languages: ["en"],
            usage: ChatGptModelFactory.TranscriptionUsage(seconds: 9),
            responseInfo: ChatGptModelFactory.ChatGptResponseInfo());

        Assert.Equal(Json(parsed), Json(built));
        Assert.Equal((parsed.Format, parsed.Duration), (built.Format, built.Duration));
        Assert.Equal(parsed.ResponseInfo!.StatusCode, built.ResponseInfo!.StatusCode);
    }

    [Fact]
    public void TranscriptionUsage_Tokens_AddsUpLikeTheServer()
    {
        var usage = ChatGptModelFactory.TranscriptionUsage(14, 101, audioInputTokens: 4, textInputTokens: 10);
        var parsed = JsonSerializer.Deserialize(
            """{"text":"x","usage":{"type":"tokens","input_tokens":14,"input_token_details":{"text_tokens":10,"audio_tokens":4},"output_tokens":101,"total_tokens":115}}""",
            AudioJsonContext.Default.Transcription)!.Usage!;

        Assert.Equal(
            (parsed.Type, parsed.InputTokens, parsed.OutputTokens, parsed.TotalTokens, parsed.Seconds, parsed.InputTokenDetails!.TextTokens, parsed.InputTokenDetails.AudioTokens),
            (usage.Type, usage.InputTokens, usage.OutputTokens, usage.TotalTokens, usage.Seconds, usage.InputTokenDetails!.TextTokens, usage.InputTokenDetails.AudioTokens));
    }

    [Fact]
    public void TranscriptionStreamEvent_DeltaSegmentAndDone_HaveTheParsedValues()
    {
        var delta = ChatGptModelFactory.TranscriptionStreamEvent(delta: "Hel", segmentId: "seg_1");
        var segment = ChatGptModelFactory.TranscriptionStreamEvent(TranscriptionStreamEvent.SegmentType, text: "Hello.", id: "seg_1", start: 0, end: 1.5, speaker: "A");
        var done = ChatGptModelFactory.TranscriptionStreamEvent(TranscriptionStreamEvent.DoneType, text: "Hello.", languages: ["en"], usage: ChatGptModelFactory.TranscriptionUsage(5, 2));
        var parsed = JsonSerializer.Deserialize("""{"type":"transcript.text.segment","text":"Hello.","id":"seg_1","start":0,"end":1.5,"speaker":"A"}""", AudioJsonContext.Default.TranscriptionStreamEvent)!;

        Assert.True(delta.IsDelta);
        Assert.Equal(("Hel", "seg_1"), (delta.Delta, delta.SegmentId));
        Assert.Equal(
            JsonSerializer.Serialize(parsed, AudioJsonContext.Default.TranscriptionStreamEvent),
            JsonSerializer.Serialize(segment, AudioJsonContext.Default.TranscriptionStreamEvent));
        Assert.True(done.IsDone);
        Assert.Equal(("en", 7), (Assert.Single(done.Languages!).Code, done.Usage!.TotalTokens));
    }

    [Fact]
    public async Task SpeechAudio_SameBytesAsAServedOne_ReadsAndWritesTheSame()
    {
        byte[] bytes = [0x49, 0x44, 0x33, 1, 2, 3, 4, 5];
        var handler = new RecordingHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(bytes) { Headers = { ContentType = new("audio/mpeg") } } });
        await using var parsed = await AudioTestSupport.CreateClient(handler).CreateSpeechAsync(new SpeechRequest { Input = "Hi.", Voice = SpeechVoice.Alloy });

        await using var built = ChatGptModelFactory.SpeechAudio(bytes, responseInfo: ChatGptModelFactory.ChatGptResponseInfo(requestId: "req_1"));

        Assert.Equal((parsed.Format, parsed.ContentType), (built.Format, built.ContentType));
        using var read = new MemoryStream();
        Assert.Equal(bytes.Length, await built.CopyToAsync(read));
        Assert.Equal(bytes, read.ToArray());
        Assert.False(built.Content.CanSeek);
        Assert.Equal("req_1", built.ResponseInfo.RequestId);
        Assert.Equal("audio/wav", ChatGptModelFactory.SpeechAudio(format: SpeechFormat.Wav).ContentType);
    }

    [Fact]
    public void SpeechStreamEvent_DeltaAndDone_HaveTheParsedValues()
    {
        var parsedDelta = JsonSerializer.Deserialize("""{"type":"speech.audio.delta","audio":"AQID"}""", AudioJsonContext.Default.SpeechStreamEvent)!;
        var parsedDone = JsonSerializer.Deserialize("""{"type":"speech.audio.done","usage":{"input_tokens":3,"output_tokens":9,"total_tokens":12}}""", AudioJsonContext.Default.SpeechStreamEvent)!;

        var delta = ChatGptModelFactory.SpeechStreamEvent(new byte[] { 1, 2, 3 });
        var done = ChatGptModelFactory.SpeechStreamEvent(usage: ChatGptModelFactory.SpeechUsage(3, 9));

        Assert.Equal((parsedDelta.Type, parsedDelta.IsDone), (delta.Type, delta.IsDone));
        Assert.Equal(parsedDelta.Audio.ToArray(), delta.Audio.ToArray());
        Assert.Equal((parsedDone.Type, parsedDone.IsDone, parsedDone.Audio.Length), (done.Type, done.IsDone, done.Audio.Length));
        Assert.Equal((parsedDone.Usage!.InputTokens, parsedDone.Usage.OutputTokens, parsedDone.Usage.TotalTokens), (done.Usage!.InputTokens, done.Usage.OutputTokens, done.Usage.TotalTokens));
    }

    private static string Json(Transcription transcription) => JsonSerializer.Serialize(transcription, AudioJsonContext.Default.Transcription);
}
