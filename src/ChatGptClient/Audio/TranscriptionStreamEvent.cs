using System.Text.Json.Serialization;
using ChatGpt.Diagnostics;

namespace ChatGpt.Audio;

/// <summary>One server-sent event of a streamed transcription: <c>transcript.text.delta</c> (more text),
/// <c>transcript.text.segment</c> (a diarized segment) or <c>transcript.text.done</c> (the whole text and usage, last).</summary>
public sealed class TranscriptionStreamEvent
{
    /// <summary>The <see cref="Type"/> of an event that carries more text.</summary>
    public const string DeltaType = "transcript.text.delta";

    /// <summary>The <see cref="Type"/> of the last event, with the whole text.</summary>
    public const string DoneType = "transcript.text.done";

    /// <summary>The <see cref="Type"/> of a diarized segment's event.</summary>
    public const string SegmentType = "transcript.text.segment";

    /// <summary>The event's type (<c>type</c>): <see cref="DeltaType"/>, <see cref="SegmentType"/> or <see cref="DoneType"/>.</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>Whether this is a <see cref="DeltaType"/> event.</summary>
    [JsonIgnore]
    public bool IsDelta => Type == DeltaType;

    /// <summary>Whether this is the <see cref="DoneType"/> event.</summary>
    [JsonIgnore]
    public bool IsDone => Type == DoneType;

    /// <summary>The text added by a delta event (<c>delta</c>).</summary>
    public string? Delta { get; set; }

    /// <summary>The whole text (done event) or the segment's text (segment event) (<c>text</c>).</summary>
    public string? Text { get; set; }

    /// <summary>The log probabilities of the delta's or the whole text's tokens (<c>logprobs</c>, with <see cref="TranscriptionInclude.Logprobs"/>).</summary>
    public IReadOnlyList<TranscriptionTokenLogprob>? Logprobs { get; set; }

    /// <summary>The diarized segment a delta belongs to (<c>segment_id</c>).</summary>
    public string? SegmentId { get; set; }

    /// <summary>The segment's id (segment event; <c>id</c>).</summary>
    public string? Id { get; set; }

    /// <summary>Where the segment starts, in seconds (segment event; <c>start</c>).</summary>
    public double? Start { get; set; }

    /// <summary>Where the segment ends, in seconds (segment event; <c>end</c>).</summary>
    public double? End { get; set; }

    /// <summary>The segment's speaker (segment event; <c>speaker</c>).</summary>
    public string? Speaker { get; set; }

    /// <summary>The languages detected (done event, <c>gpt-transcribe</c>).</summary>
    public IReadOnlyList<TranscriptionLanguage>? Languages { get; set; }

    /// <summary>The tokens billed (done event; <c>usage</c>).</summary>
    public TranscriptionUsage? Usage { get; set; }

    /// <summary>The response's status and headers.</summary>
    [JsonIgnore]
    public ChatGptResponseInfo? ResponseInfo { get; set; }
}
