using System.Net;
using ChatGpt.Audio;
using ChatGpt.Audio.Internal;
using ChatGpt.Diagnostics;
using ChatGpt.Http.Internal;

namespace ChatGpt;

// The audio results: transcriptions and translations with their parts, the events of a streamed transcription, speech
// audio and the events of streamed speech (whose audio bytes and stream have no public setter).
public static partial class ChatGptModelFactory
{
    /// <summary>Builds a transcription or translation as <see cref="IChatGptAudioClient.TranscribeAsync"/> and
    /// <see cref="IChatGptAudioClient.TranslateAsync"/> return it.</summary>
    /// <param name="text">The text.</param>
    /// <param name="format">The format it was read from; <see cref="TranscriptionFormat.Json"/> when <see langword="null"/>.</param>
    /// <param name="task">The task that ran: <c>transcribe</c> or <c>translate</c> (verbose and diarized formats).</param>
    /// <param name="language">The audio's language, e.g. <c>english</c>.</param>
    /// <param name="duration">The audio's duration.</param>
    /// <param name="segments">The segments; build them with <see cref="TranscriptionSegment"/>.</param>
    /// <param name="words">The words; build them with <see cref="TranscriptionWord"/>.</param>
    /// <param name="speakerSegments">The diarized segments; build them with <see cref="TranscriptionSpeakerSegment"/>.</param>
    /// <param name="logprobs">The tokens' log probabilities; build them with <see cref="TranscriptionTokenLogprob"/>.</param>
    /// <param name="languages">The languages detected, as their codes.</param>
    /// <param name="usage">What the call is billed for; build it with <see cref="TranscriptionUsage"/>.</param>
    /// <param name="responseInfo">What the server said besides the body; build it with <see cref="ChatGptResponseInfo"/>.</param>
    /// <returns>The transcription.</returns>
    public static Transcription Transcription(
        string text = "",
        TranscriptionFormat? format = null,
        string? task = null,
        string? language = null,
        TimeSpan? duration = null,
        IEnumerable<TranscriptionSegment>? segments = null,
        IEnumerable<TranscriptionWord>? words = null,
        IEnumerable<TranscriptionSpeakerSegment>? speakerSegments = null,
        IEnumerable<TranscriptionTokenLogprob>? logprobs = null,
        IEnumerable<string>? languages = null,
        TranscriptionUsage? usage = null,
        ChatGptResponseInfo? responseInfo = null) => new()
        {
            Text = text,
            Format = format ?? TranscriptionFormat.Json,
            Task = task,
            Language = language,
            Duration = duration,
            Segments = segments is null ? null : [.. segments],
            Words = words is null ? null : [.. words],
            SpeakerSegments = speakerSegments is null ? null : [.. speakerSegments],
            Logprobs = logprobs is null ? null : [.. logprobs],
            Languages = Languages(languages),
            Usage = usage,
            ResponseInfo = responseInfo,
        };

    /// <summary>Builds a segment of a transcription with its timings (verbose_json; the cues of srt/vtt).</summary>
    /// <param name="id">The segment's index.</param>
    /// <param name="text">The segment's text.</param>
    /// <param name="start">Where it starts, in seconds.</param>
    /// <param name="end">Where it ends, in seconds.</param>
    /// <param name="seek">The seek offset.</param>
    /// <param name="tokens">The text's token ids.</param>
    /// <param name="temperature">The temperature used.</param>
    /// <param name="avgLogprob">The average log probability.</param>
    /// <param name="compressionRatio">The compression ratio.</param>
    /// <param name="noSpeechProb">The probability that the segment has no speech.</param>
    /// <returns>The segment.</returns>
    public static TranscriptionSegment TranscriptionSegment(
        int id = 0,
        string text = "",
        double start = 0,
        double end = 0,
        int seek = 0,
        IEnumerable<int>? tokens = null,
        double? temperature = null,
        double? avgLogprob = null,
        double? compressionRatio = null,
        double? noSpeechProb = null) => new()
        {
            Id = id,
            Seek = seek,
            Start = start,
            End = end,
            Text = text,
            Tokens = tokens is null ? null : [.. tokens],
            Temperature = temperature,
            AvgLogprob = avgLogprob,
            CompressionRatio = compressionRatio,
            NoSpeechProb = noSpeechProb,
        };

    /// <summary>Builds a word of a transcription with its timings.</summary>
    /// <param name="word">The word.</param>
    /// <param name="start">Where it starts, in seconds.</param>
    /// <param name="end">Where it ends, in seconds.</param>
    /// <returns>The word.</returns>
    public static TranscriptionWord TranscriptionWord(string word = "", double start = 0, double end = 0) => new() { Word = word, Start = start, End = end };

    /// <summary>Builds a diarized segment of a transcription (diarized_json).</summary>
    /// <param name="id">The segment's id.</param>
    /// <param name="speaker">The speaker's label, e.g. <c>A</c>.</param>
    /// <param name="text">The segment's text.</param>
    /// <param name="start">Where it starts, in seconds.</param>
    /// <param name="end">Where it ends, in seconds.</param>
    /// <returns>The segment.</returns>
    public static TranscriptionSpeakerSegment TranscriptionSpeakerSegment(string id = "seg_0", string speaker = "A", string text = "", double start = 0, double end = 0) => new()
    {
        Id = id,
        Speaker = speaker,
        Text = text,
        Start = start,
        End = end,
    };

    /// <summary>Builds the log probability of a token of a transcription.</summary>
    /// <param name="token">The token.</param>
    /// <param name="logprob">Its log probability.</param>
    /// <param name="bytes">Its UTF-8 bytes.</param>
    /// <returns>The log probability.</returns>
    public static TranscriptionTokenLogprob TranscriptionTokenLogprob(string token = "", double logprob = 0, IEnumerable<int>? bytes = null) => new()
    {
        Token = token,
        Logprob = logprob,
        Bytes = bytes is null ? null : [.. bytes],
    };

    /// <summary>Builds what a transcription is billed for: tokens when <paramref name="seconds"/> is <see langword="null"/>
    /// (the gpt-4o models), seconds of audio otherwise (whisper-1).</summary>
    /// <param name="inputTokens">The input tokens (token usage).</param>
    /// <param name="outputTokens">The output tokens (token usage).</param>
    /// <param name="seconds">The seconds of audio billed (duration usage).</param>
    /// <param name="audioInputTokens">The audio part of the input tokens.</param>
    /// <param name="textInputTokens">The text part of the input tokens (the prompt).</param>
    /// <returns>The usage.</returns>
    public static TranscriptionUsage TranscriptionUsage(int? inputTokens = null, int? outputTokens = null, double? seconds = null, int? audioInputTokens = null, int? textInputTokens = null) =>
        seconds is { } billed
            ? new() { Type = "duration", Seconds = billed }
            : new()
            {
                Type = "tokens",
                InputTokens = inputTokens ?? 0,
                OutputTokens = outputTokens ?? 0,
                TotalTokens = (inputTokens ?? 0) + (outputTokens ?? 0),
                InputTokenDetails = audioInputTokens is null && textInputTokens is null ? null : new() { AudioTokens = audioInputTokens, TextTokens = textInputTokens },
            };

    /// <summary>Builds an event of a streamed transcription as <see cref="IChatGptAudioClient.StreamTranscriptionAsync"/>
    /// yields it: a delta (<paramref name="delta"/>), a diarized segment (<paramref name="segmentId"/> with
    /// <paramref name="speaker"/>) or the last event (<paramref name="type"/> <see cref="TranscriptionStreamEvent.DoneType"/>
    /// with the whole <paramref name="text"/>).</summary>
    /// <param name="type">The event type; <see cref="TranscriptionStreamEvent.DeltaType"/> when <see langword="null"/>.</param>
    /// <param name="delta">The text a delta adds.</param>
    /// <param name="text">The whole text (done) or the segment's text (segment).</param>
    /// <param name="logprobs">The tokens' log probabilities.</param>
    /// <param name="segmentId">The diarized segment a delta belongs to.</param>
    /// <param name="id">The segment's id (segment event).</param>
    /// <param name="start">Where the segment starts, in seconds.</param>
    /// <param name="end">Where the segment ends, in seconds.</param>
    /// <param name="speaker">The segment's speaker.</param>
    /// <param name="languages">The languages detected (done event), as their codes.</param>
    /// <param name="usage">The tokens billed (done event).</param>
    /// <param name="responseInfo">What the server said with the stream's response.</param>
    /// <returns>The event.</returns>
    public static TranscriptionStreamEvent TranscriptionStreamEvent(
        string? type = null,
        string? delta = null,
        string? text = null,
        IEnumerable<TranscriptionTokenLogprob>? logprobs = null,
        string? segmentId = null,
        string? id = null,
        double? start = null,
        double? end = null,
        string? speaker = null,
        IEnumerable<string>? languages = null,
        TranscriptionUsage? usage = null,
        ChatGptResponseInfo? responseInfo = null) => new()
        {
            Type = type ?? Audio.TranscriptionStreamEvent.DeltaType,
            Delta = delta,
            Text = text,
            Logprobs = logprobs is null ? null : [.. logprobs],
            SegmentId = segmentId,
            Id = id,
            Start = start,
            End = end,
            Speaker = speaker,
            Languages = Languages(languages),
            Usage = usage,
            ResponseInfo = responseInfo,
        };

    /// <summary>Builds the audio of <see cref="IChatGptAudioClient.CreateSpeechAsync"/>: a forward-only stream over
    /// <paramref name="audio"/>, readable once, as the response's body is.</summary>
    /// <param name="audio">The audio bytes.</param>
    /// <param name="format">The format asked for; <see cref="SpeechFormat.Mp3"/> when <see langword="null"/>.</param>
    /// <param name="contentType">The media type the server sent; the format's usual one when <see langword="null"/>.</param>
    /// <param name="responseInfo">What the server said besides the body; an empty successful response when <see langword="null"/>.</param>
    /// <returns>The speech audio; dispose it as a real one.</returns>
    public static SpeechAudio SpeechAudio(ReadOnlyMemory<byte> audio = default, SpeechFormat? format = null, string? contentType = null, ChatGptResponseInfo? responseInfo = null)
    {
        var chosen = format ?? SpeechFormat.Mp3;

        // The stream type of a real response (forward-only, disposes its response), over the bytes instead of a socket.
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ReadOnlyMemoryContent(audio) };
        var stream = new ResponseBodyStream(response, response.Content.ReadAsStream(), ResponseMetadata.Of(response, null, TimeProvider.System), null, Timeout.InfiniteTimeSpan, TimeProvider.System);
        return new SpeechAudio(stream, chosen, contentType ?? AudioFormats.ContentTypeOf($"speech.{chosen.Value}"), responseInfo ?? ChatGptResponseInfo());
    }

    /// <summary>Builds an event of streamed speech as <see cref="IChatGptAudioClient.StreamSpeechAsync"/> yields it: a
    /// chunk of audio, or (with <paramref name="usage"/>) the last event.</summary>
    /// <param name="audio">The chunk of audio (a delta event).</param>
    /// <param name="usage">The tokens billed; when given, the event is the last one (<see cref="SpeechStreamEvent.DoneType"/>).
    /// Build it with <see cref="SpeechUsage"/>.</param>
    /// <returns>The event.</returns>
    public static SpeechStreamEvent SpeechStreamEvent(ReadOnlyMemory<byte> audio = default, SpeechUsage? usage = null) => new()
    {
        Type = usage is null ? Audio.SpeechStreamEvent.DeltaType : Audio.SpeechStreamEvent.DoneType,
        AudioBytes = audio.ToArray(),
        Usage = usage,
    };

    /// <summary>Builds the tokens billed for streamed speech.</summary>
    /// <param name="inputTokens">The input tokens.</param>
    /// <param name="outputTokens">The output tokens.</param>
    /// <param name="totalTokens">The total; the sum of the two when <see langword="null"/>.</param>
    /// <returns>The usage.</returns>
    public static SpeechUsage SpeechUsage(int inputTokens = 0, int outputTokens = 0, int? totalTokens = null) => new()
    {
        InputTokens = inputTokens,
        OutputTokens = outputTokens,
        TotalTokens = totalTokens ?? (inputTokens + outputTokens),
    };

    private static List<TranscriptionLanguage>? Languages(IEnumerable<string>? codes) =>
        codes is null ? null : [.. codes.Select(static code => new TranscriptionLanguage { Code = code })];
}
