namespace ChatGpt.Audio;

/// <summary>A segment of a diarized transcript: who spoke, when (diarized_json <c>segments</c>, or a streamed
/// <c>transcript.text.segment</c> event).</summary>
public sealed class TranscriptionSpeakerSegment
{
    /// <summary>The segment's id, e.g. <c>seg_001</c> (<c>id</c>).</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Where the segment starts, in seconds (<c>start</c>).</summary>
    public double Start { get; set; }

    /// <summary>Where the segment ends, in seconds (<c>end</c>).</summary>
    public double End { get; set; }

    /// <summary>The segment's text (<c>text</c>).</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>The speaker: a known speaker's name, or <c>A</c>, <c>B</c>, ... (<c>speaker</c>).</summary>
    public string Speaker { get; set; } = string.Empty;
}
