using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace ChatGpt.Audio.Internal;

/// <summary>
/// Writes a transcription or translation request as <c>multipart/form-data</c>: one part per field in the spec's names
/// (arrays as repeated <c>name[]</c> parts, the chunking strategy as <c>auto</c> or its JSON object), the audio last so
/// the fields are read before the file.
/// </summary>
internal static class AudioFormWriter
{
    public static MultipartFormDataContent Transcription(TranscriptionRequest request, TranscriptionModel model, bool stream, long? length)
    {
        var form = new MultipartFormDataContent(Boundary());
        Add(form, "model", model.Value);
        Add(form, "language", request.Language);
        AddAll(form, "languages[]", request.Languages);
        AddAll(form, "keywords[]", request.Keywords);
        Add(form, "prompt", request.Prompt);
        Add(form, "response_format", request.ResponseFormat?.Value);
        Add(form, "temperature", request.Temperature?.ToString("R", CultureInfo.InvariantCulture));
        AddAll(form, "include[]", request.Include?.Select(static i => i.Value));
        AddAll(form, "timestamp_granularities[]", request.TimestampGranularities?.Select(static g => g.Value));
        Add(form, "chunking_strategy", request.ChunkingStrategy?.ToString());
        AddAll(form, "known_speaker_names[]", request.KnownSpeakerNames);
        AddAll(form, "known_speaker_references[]", request.KnownSpeakerReferences);
        if (stream)
        {
            Add(form, "stream", "true");
        }

        AddFile(form, request.File, length, request.Progress);
        return form;
    }

    public static MultipartFormDataContent Translation(TranslationRequest request, TranscriptionModel model, long? length)
    {
        var form = new MultipartFormDataContent(Boundary());
        Add(form, "model", model.Value);
        Add(form, "prompt", request.Prompt);
        Add(form, "response_format", request.ResponseFormat?.Value);
        Add(form, "temperature", request.Temperature?.ToString("R", CultureInfo.InvariantCulture));
        AddFile(form, request.File, length, request.Progress);
        return form;
    }

    private static void AddFile(MultipartFormDataContent form, AudioFile file, long? length, IProgress<long>? progress)
    {
        var content = new AudioFileContent(file, length, progress);
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileName = Quote(file.FileName) };
        form.Add(content);
    }

    private static void Add(MultipartFormDataContent form, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        // A field part carries only its name, like a browser's form: no Content-Type, so servers read it as text.
        var part = new ByteArrayContent(Encoding.UTF8.GetBytes(value));
        part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = Quote(name) };
        form.Add(part);
    }

    private static void AddAll(MultipartFormDataContent form, string name, IEnumerable<string>? values)
    {
        if (values is null)
        {
            return;
        }

        foreach (var value in values)
        {
            Add(form, name, value);
        }
    }

    // Quoted as RFC 7578 shows it; a quote or line break in a file name would end the header, so it is replaced.
    private static string Quote(string value) => string.Concat("\"", value.Replace("\"", "%22", StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal), "\"");

    private static string Boundary() => "----ChatGptClient" + Guid.NewGuid().ToString("N");
}
