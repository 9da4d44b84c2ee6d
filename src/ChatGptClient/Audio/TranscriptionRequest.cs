using System.Diagnostics;
using ChatGpt.Audio.Internal;
using ChatGpt.Http.Uploads;
using ChatGpt.Internal;

namespace ChatGpt.Audio;

/// <summary>A request to <c>POST /audio/transcriptions</c>: audio in, text in the audio's language out.</summary>
/// <remarks>The audio is streamed to the socket as <c>multipart/form-data</c>, never held whole in memory. Before anything is
/// sent the client checks the file's size (at most <see cref="AudioLimits.MaxFileBytes"/>) and its format (one of
/// <see cref="AudioLimits.SupportedExtensions"/>, taken from the file name's extension).</remarks>
public sealed class TranscriptionRequest : IChatGptRequest
{
    /// <summary>Transcribes the audio file at <paramref name="filePath"/>. The file is opened for each attempt, so a failed
    /// attempt can be retried.</summary>
    /// <param name="filePath">The path of the audio file (it must exist); its extension names the format (e.g. <c>question.wav</c>).</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public TranscriptionRequest(string filePath) => Audio = AudioSource.FromFile(filePath);

    /// <summary>Transcribes the audio read from <paramref name="audio"/> (from its current position). The caller keeps the
    /// stream; a retry is possible only when it is seekable.</summary>
    /// <param name="audio">The audio.</param>
    /// <param name="fileName">The file name sent with it; its extension names the format (e.g. <c>question.wav</c>).</param>
    public TranscriptionRequest(Stream audio, string fileName) => Audio = AudioSource.FromStream(audio, fileName);

    /// <summary>The file name sent with the audio.</summary>
    public string FileName => Audio.FileName;

    /// <summary>The model (<c>model</c>). When <see langword="null"/>, <see cref="TranscriptionModel.Gpt4oMiniTranscribe"/>.</summary>
    public TranscriptionModel? Model { get; set; }

    /// <summary>The audio's language as an ISO-639-1 code, e.g. <c>en</c> (<c>language</c>); improves accuracy and latency.</summary>
    public string? Language { get; set; }

    /// <summary>Possible languages of the audio as ISO-639-1 codes (<c>languages[]</c>; <c>gpt-transcribe</c>).</summary>
    public IList<string>? Languages { get; set; }

    /// <summary>Words or phrases that guide the transcription (<c>keywords[]</c>; <c>gpt-transcribe</c>).</summary>
    public IList<string>? Keywords { get; set; }

    /// <summary>Text that guides the style or continues a previous segment, in the audio's language (<c>prompt</c>).</summary>
    public string? Prompt { get; set; }

    /// <summary>The format of the answer (<c>response_format</c>); <see cref="TranscriptionFormat.Json"/> when <see langword="null"/>.</summary>
    public TranscriptionFormat? ResponseFormat { get; set; }

    /// <summary>The sampling temperature from 0 to 1 (<c>temperature</c>).</summary>
    public float? Temperature { get; set; }

    /// <summary>Extra information to return (<c>include[]</c>), e.g. <see cref="TranscriptionInclude.Logprobs"/>.</summary>
    public IList<TranscriptionInclude>? Include { get; set; }

    /// <summary>The timings to return (<c>timestamp_granularities[]</c>); needs <see cref="TranscriptionFormat.VerboseJson"/>.</summary>
    public IList<TimestampGranularity>? TimestampGranularities { get; set; }

    /// <summary>How the server cuts the audio into chunks (<c>chunking_strategy</c>).</summary>
    public TranscriptionChunkingStrategy? ChunkingStrategy { get; set; }

    /// <summary>Names of known speakers, matching <see cref="KnownSpeakerReferences"/> (<c>known_speaker_names[]</c>, up to 4;
    /// <c>gpt-4o-transcribe-diarize</c>).</summary>
    public IList<string>? KnownSpeakerNames { get; set; }

    /// <summary>Audio samples of the known speakers as data URLs, 2 to 10 seconds each (<c>known_speaker_references[]</c>, up to 4).</summary>
    public IList<string>? KnownSpeakerReferences { get; set; }

    /// <summary>Reports the bytes of audio sent so far, of the total when known, while the request uploads.</summary>
    public IProgress<UploadProgress>? Progress { get; set; }

    internal UploadSource Audio { get; }

    void IChatGptRequest.SetSpanTags(Activity activity)
    {
        activity.SetTag("gen_ai.output.type", (ResponseFormat ?? TranscriptionFormat.Json).Value);
        if (Language is { } language)
        {
            activity.SetTag("gen_ai.request.language", language);
        }
    }

    // The audio is not the prompt of a text conversation: content logging records only the text prompt, if any.
    string? IChatGptRequest.DescribeInput() => Prompt;

    // The audio's tokens are not known before the server has heard it; the usage it reports corrects the budget after.
    int IChatGptRequest.EstimateTokens(string? model, double tokensAvailable) => ((Prompt?.Length ?? 0) + 3) / 4;
}
