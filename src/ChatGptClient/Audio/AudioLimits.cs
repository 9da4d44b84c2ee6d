namespace ChatGpt.Audio;

/// <summary>The limits of the speech-to-text API that the client checks before it sends a byte.</summary>
public static class AudioLimits
{
    /// <summary>The largest audio file the API takes: 25 MB (26,214,400 bytes).</summary>
    public const long MaxFileBytes = 25L * 1024 * 1024;

    /// <summary>The longest <see cref="SpeechRequest.Input"/> and <see cref="SpeechRequest.Instructions"/>: 4,096 characters.</summary>
    public const int MaxSpeechInputLength = 4096;

    /// <summary>The file extensions of the formats the API transcribes: flac, mp3, mp4, mpeg, mpga, m4a, ogg, wav, webm.</summary>
    public static IReadOnlyList<string> SupportedExtensions { get; } = ["flac", "mp3", "mp4", "mpeg", "mpga", "m4a", "ogg", "wav", "webm"];
}
