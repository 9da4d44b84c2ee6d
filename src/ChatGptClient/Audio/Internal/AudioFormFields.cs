using System.Globalization;

namespace ChatGpt.Audio.Internal;

/// <summary>
/// The text fields of a transcription or translation form, in the spec's names: arrays as repeated <c>name[]</c> fields
/// (multipart has no arrays), the chunking strategy as <c>auto</c> or its JSON object. The audio part follows them
/// (<see cref="Http.Uploads.Internal.MultipartUpload"/>), so a server reads every setting before the file.
/// </summary>
internal static class AudioFormFields
{
    public static List<KeyValuePair<string, string>> Transcription(TranscriptionRequest request, TranscriptionModel model, bool stream)
    {
        var fields = new List<KeyValuePair<string, string>>(8);
        Add(fields, "model", model.Value);
        Add(fields, "language", request.Language);
        AddAll(fields, "languages[]", request.Languages);
        AddAll(fields, "keywords[]", request.Keywords);
        Add(fields, "prompt", request.Prompt);
        Add(fields, "response_format", request.ResponseFormat?.Value);
        Add(fields, "temperature", request.Temperature?.ToString("R", CultureInfo.InvariantCulture));
        AddAll(fields, "include[]", request.Include?.Select(static i => i.Value));
        AddAll(fields, "timestamp_granularities[]", request.TimestampGranularities?.Select(static g => g.Value));
        Add(fields, "chunking_strategy", request.ChunkingStrategy?.ToString());
        AddAll(fields, "known_speaker_names[]", request.KnownSpeakerNames);
        AddAll(fields, "known_speaker_references[]", request.KnownSpeakerReferences);
        if (stream)
        {
            Add(fields, "stream", "true");
        }

        return fields;
    }

    public static List<KeyValuePair<string, string>> Translation(TranslationRequest request, TranscriptionModel model)
    {
        var fields = new List<KeyValuePair<string, string>>(4);
        Add(fields, "model", model.Value);
        Add(fields, "prompt", request.Prompt);
        Add(fields, "response_format", request.ResponseFormat?.Value);
        Add(fields, "temperature", request.Temperature?.ToString("R", CultureInfo.InvariantCulture));
        return fields;
    }

    private static void Add(List<KeyValuePair<string, string>> fields, string name, string? value)
    {
        if (value is not null)
        {
            fields.Add(new(name, value));
        }
    }

    private static void AddAll(List<KeyValuePair<string, string>> fields, string name, IEnumerable<string>? values)
    {
        if (values is null)
        {
            return;
        }

        foreach (var value in values)
        {
            fields.Add(new(name, value));
        }
    }
}
