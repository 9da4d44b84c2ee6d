using System.Text.Json.Serialization;
using ChatGpt.Diagnostics;

namespace ChatGpt.Audio;

/// <summary>The text of a transcription or a translation, read from whichever <see cref="TranscriptionFormat"/> was asked for.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>json</c>: <see cref="Text"/>, <see cref="Usage"/>, <see cref="Logprobs"/>, <see cref="Languages"/>.</item>
/// <item><c>verbose_json</c>: also <see cref="Language"/>, <see cref="Duration"/>, <see cref="Segments"/>, <see cref="Words"/>.</item>
/// <item><c>diarized_json</c>: <see cref="Duration"/> and <see cref="SpeakerSegments"/>.</item>
/// <item><c>text</c>, <c>srt</c>, <c>vtt</c>: <see cref="Text"/> is the body as sent; for srt/vtt <see cref="Segments"/> holds
/// the cues with their timings too.</item>
/// </list>
/// </remarks>
public sealed class Transcription
{
    /// <summary>The text: the transcript, or for <c>text</c>/<c>srt</c>/<c>vtt</c> the whole body as the API sent it.</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>The format this result was read from.</summary>
    [JsonIgnore]
    public TranscriptionFormat Format { get; set; }

    /// <summary>The task that ran: <c>transcribe</c> or <c>translate</c> (verbose and diarized formats).</summary>
    public string? Task { get; set; }

    /// <summary>The audio's language, e.g. <c>english</c> (verbose_json).</summary>
    public string? Language { get; set; }

    /// <summary>The audio's duration (verbose_json, diarized_json).</summary>
    [JsonIgnore]
    public TimeSpan? Duration
    {
        get => DurationSeconds is double seconds ? TimeSpan.FromSeconds(seconds) : null;
        set => DurationSeconds = value?.TotalSeconds;
    }

    /// <summary>The segments with their timings (verbose_json; the cues of srt/vtt).</summary>
    public IReadOnlyList<TranscriptionSegment>? Segments { get; set; }

    /// <summary>The words with their timings (verbose_json with <see cref="TimestampGranularity.Word"/>).</summary>
    public IReadOnlyList<TranscriptionWord>? Words { get; set; }

    /// <summary>The segments with their speakers (diarized_json).</summary>
    [JsonIgnore]
    public IReadOnlyList<TranscriptionSpeakerSegment>? SpeakerSegments { get; set; }

    /// <summary>The tokens' log probabilities (json with <see cref="TranscriptionInclude.Logprobs"/>).</summary>
    public IReadOnlyList<TranscriptionTokenLogprob>? Logprobs { get; set; }

    /// <summary>The languages detected (<c>gpt-transcribe</c>); empty when none could be detected reliably.</summary>
    public IReadOnlyList<TranscriptionLanguage>? Languages { get; set; }

    /// <summary>What the call is billed for: tokens or seconds of audio. <see langword="null"/> for text, srt and vtt, which carry none.</summary>
    public TranscriptionUsage? Usage { get; set; }

    /// <summary>The response's status, headers and rate limits.</summary>
    [JsonIgnore]
    public ChatGptResponseInfo? ResponseInfo { get; set; }

    [JsonInclude]
    [JsonPropertyName("duration")]
    internal double? DurationSeconds { get; set; }
}
