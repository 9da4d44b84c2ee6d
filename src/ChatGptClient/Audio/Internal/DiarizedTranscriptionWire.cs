namespace ChatGpt.Audio.Internal;

/// <summary>The diarized_json body, whose <c>segments</c> differ from verbose_json's (string ids, speakers).</summary>
internal sealed class DiarizedTranscriptionWire
{
    public string? Task { get; set; }

    public double? Duration { get; set; }

    public string Text { get; set; } = string.Empty;

    public List<TranscriptionSpeakerSegment>? Segments { get; set; }

    public TranscriptionUsage? Usage { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public Diagnostics.ChatGptResponseInfo? ResponseInfo { get; set; }

    public Transcription ToTranscription() => new()
    {
        Text = Text,
        Task = Task,
        DurationSeconds = Duration,
        SpeakerSegments = Segments,
        Usage = Usage,
        Format = TranscriptionFormat.DiarizedJson,
        ResponseInfo = ResponseInfo,
    };
}
