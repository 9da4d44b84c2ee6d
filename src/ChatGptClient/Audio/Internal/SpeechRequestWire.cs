namespace ChatGpt.Audio.Internal;

/// <summary>The body of <c>POST /audio/speech</c> as sent: the request with its defaults applied and the stream format the
/// method chose.</summary>
internal sealed class SpeechRequestWire
{
    public required SpeechModel Model { get; init; }

    public required string Input { get; init; }

    public string? Instructions { get; init; }

    public required SpeechVoice Voice { get; init; }

    public SpeechFormat? ResponseFormat { get; init; }

    public float? Speed { get; init; }

    public string? StreamFormat { get; init; }
}
