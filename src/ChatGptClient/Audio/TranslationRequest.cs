using ChatGpt.Audio.Internal;

namespace ChatGpt.Audio;

/// <summary>A request to <c>POST /audio/translations</c>: audio in any language in, English text out.</summary>
/// <remarks>Streamed and checked before sending like a <see cref="TranscriptionRequest"/>.</remarks>
public sealed class TranslationRequest
{
    /// <summary>Translates the audio file at <paramref name="filePath"/> (opened for each attempt, so retries are possible).</summary>
    /// <param name="filePath">The path of the audio file; its extension names the format.</param>
    public TranslationRequest(string filePath) => File = AudioFile.FromPath(filePath);

    /// <summary>Translates the audio read from <paramref name="audio"/>; retried only when the stream is seekable.</summary>
    /// <param name="audio">The audio.</param>
    /// <param name="fileName">The file name sent with it; its extension names the format.</param>
    public TranslationRequest(Stream audio, string fileName) => File = AudioFile.FromStream(audio, fileName);

    /// <summary>The file name sent with the audio.</summary>
    public string FileName => File.FileName;

    /// <summary>The model (<c>model</c>). When <see langword="null"/>, <see cref="TranscriptionModel.Whisper1"/> (the only
    /// translation model today).</summary>
    public TranscriptionModel? Model { get; set; }

    /// <summary>Text that guides the style or continues a previous segment, in English (<c>prompt</c>).</summary>
    public string? Prompt { get; set; }

    /// <summary>The format of the answer (<c>response_format</c>: json, text, srt, verbose_json or vtt); json when <see langword="null"/>.</summary>
    public TranscriptionFormat? ResponseFormat { get; set; }

    /// <summary>The sampling temperature from 0 to 1 (<c>temperature</c>).</summary>
    public float? Temperature { get; set; }

    /// <summary>Reports the bytes of audio sent so far while the request uploads.</summary>
    public IProgress<long>? Progress { get; set; }

    internal AudioFile File { get; }
}
