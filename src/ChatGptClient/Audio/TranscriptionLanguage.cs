namespace ChatGpt.Audio;

/// <summary>A language detected in the audio (<c>languages</c>).</summary>
public sealed class TranscriptionLanguage
{
    /// <summary>The language's code (<c>code</c>).</summary>
    public string Code { get; set; } = string.Empty;
}
