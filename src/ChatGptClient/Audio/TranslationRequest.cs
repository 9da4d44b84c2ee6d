using System.Diagnostics;
using ChatGpt.Audio.Internal;
using ChatGpt.Http.Uploads;
using ChatGpt.Internal;

namespace ChatGpt.Audio;

/// <summary>A request to <c>POST /audio/translations</c>: audio in any language in, English text out.</summary>
/// <remarks>Streamed and checked before sending like a <see cref="TranscriptionRequest"/>.</remarks>
public sealed class TranslationRequest : IChatGptRequest
{
    /// <summary>Translates the audio file at <paramref name="filePath"/> (opened for each attempt, so retries are possible).</summary>
    /// <param name="filePath">The path of the audio file (it must exist); its extension names the format.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public TranslationRequest(string filePath) => Audio = AudioSource.FromFile(filePath);

    /// <summary>Translates the audio read from <paramref name="audio"/>; retried only when the stream is seekable.</summary>
    /// <param name="audio">The audio.</param>
    /// <param name="fileName">The file name sent with it; its extension names the format.</param>
    public TranslationRequest(Stream audio, string fileName) => Audio = AudioSource.FromStream(audio, fileName);

    /// <summary>The file name sent with the audio.</summary>
    public string FileName => Audio.FileName;

    /// <summary>The model (<c>model</c>). When <see langword="null"/>, <see cref="TranscriptionModel.Whisper1"/> (the only
    /// translation model today).</summary>
    public TranscriptionModel? Model { get; set; }

    /// <summary>Text that guides the style or continues a previous segment, in English (<c>prompt</c>).</summary>
    public string? Prompt { get; set; }

    /// <summary>The format of the answer (<c>response_format</c>: json, text, srt, verbose_json or vtt); json when <see langword="null"/>.</summary>
    public TranscriptionFormat? ResponseFormat { get; set; }

    /// <summary>The sampling temperature from 0 to 1 (<c>temperature</c>).</summary>
    public float? Temperature { get; set; }

    /// <summary>Reports the bytes of audio sent so far, of the total when known, while the request uploads.</summary>
    public IProgress<UploadProgress>? Progress { get; set; }

    internal UploadSource Audio { get; }

    void IChatGptRequest.SetSpanTags(Activity activity)
    {
        activity.SetTag("gen_ai.output.type", (ResponseFormat ?? TranscriptionFormat.Json).Value);
    }

    // The audio is not the prompt of a text conversation: content logging records only the text prompt, if any.
    string? IChatGptRequest.DescribeInput() => Prompt;

    // The audio's tokens are not known before the server has heard it; the usage it reports corrects the budget after.
    int IChatGptRequest.EstimateTokens(string? model, double tokensAvailable) => ((Prompt?.Length ?? 0) + 3) / 4;
}
