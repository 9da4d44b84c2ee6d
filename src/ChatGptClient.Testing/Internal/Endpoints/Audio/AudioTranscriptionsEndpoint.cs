using System.Globalization;
using System.Text.Json;

namespace ChatGpt.Testing.Internal;

/// <summary>
/// <c>POST /v1/audio/transcriptions</c> and <c>POST /v1/audio/translations</c>: reads the multipart form as it arrives,
/// checks it as the API does (size, format, model, every field's value), and answers with a deterministic transcript: the
/// text of the WAV's <c>LIST/INFO ICMT</c> chunk when there is one, otherwise a placeholder that says it is emulated and
/// gives the audio's real duration. Every response format, and the streamed events for <c>stream=true</c>.
/// </summary>
internal sealed class AudioTranscriptionsEndpoint : EmulatorEndpoint
{
    /// <summary>The extensions the API takes (its error message lists them in this order).</summary>
    public static readonly IReadOnlyList<string> SupportedExtensions = ["flac", "m4a", "mp3", "mp4", "mpeg", "mpga", "oga", "ogg", "wav", "webm"];

    private static readonly EmulatorRoute s_transcriptions = new("POST", "/v1/audio/transcriptions", RequestBodyKind.Stream);
    private static readonly EmulatorRoute s_translations = new("POST", "/v1/audio/translations", RequestBodyKind.Stream);

    private static readonly HashSet<string> s_transcriptionFields =
    [
        "file", "model", "language", "languages[]", "keywords[]", "prompt", "response_format", "temperature", "include[]",
        "timestamp_granularities[]", "stream", "chunking_strategy", "known_speaker_names[]", "known_speaker_references[]",
        "languages", "keywords", "include", "timestamp_granularities", "known_speaker_names", "known_speaker_references",
    ];

    private static readonly HashSet<string> s_translationFields = ["file", "model", "prompt", "response_format", "temperature"];

    private static readonly string[] s_formats = ["json", "text", "srt", "verbose_json", "vtt", "diarized_json"];

    public AudioTranscriptionsEndpoint(ChatGptEmulator emulator)
        : base(emulator)
    {
    }

    public override IReadOnlyList<EmulatorRoute> Routes { get; } = [s_transcriptions, s_translations];

    /// <summary>The form fields accepted by <c>/audio/transcriptions</c> (others get 400 unless
    /// <see cref="ChatGptEmulator.AllowUnknownParameters"/>).</summary>
    public static IReadOnlyCollection<string> TranscriptionFields => s_transcriptionFields;

    /// <summary>The form fields accepted by <c>/audio/translations</c>.</summary>
    public static IReadOnlyCollection<string> TranslationFields => s_translationFields;

    public override async ValueTask<ResponsePlan> HandleAsync(EndpointRequest request, CancellationToken cancellationToken)
    {
        var translate = request.Route == s_translations;
        var form = await AudioForm.ReadAsync(request.Body, request.ContentType, cancellationToken).ConfigureAwait(false);
        if (!Emulator.AllowUnknownParameters)
        {
            var known = translate ? s_translationFields : s_transcriptionFields;
            foreach (var name in form.Fields.Keys)
            {
                if (!known.Contains(name))
                {
                    throw ApiErrorException.Invalid($"Unrecognized request argument supplied: {name}", null);
                }
            }
        }

        var model = form.Field("model");
        if (string.IsNullOrEmpty(model))
        {
            throw ApiErrorException.Invalid("you must provide a model parameter", "model");
        }

        if (form.File is not { } file)
        {
            throw ApiErrorException.Invalid("Missing required parameter: 'file'.", "file", "missing_required_parameter");
        }

        var extension = Path.GetExtension(form.FileName ?? string.Empty).TrimStart('.').ToLowerInvariant();
        if (!SupportedExtensions.Contains(extension))
        {
            throw ApiErrorException.Invalid($"Invalid file format. Supported formats: [{string.Join(", ", SupportedExtensions.Select(static e => $"'{e}'"))}]", "file", "invalid_value");
        }

        if (file.Bytes == 0)
        {
            throw ApiErrorException.Invalid("The audio file is empty.", "file", "invalid_value");
        }

        if (!KnownModel(model))
        {
            EmulatorModels.CheckAccepted(Emulator, model);
        }

        var format = form.Field("response_format") ?? "json";
        CheckFormat(model, format, translate);
        var temperature = form.Field("temperature");
        if (temperature is not null &&
            (!double.TryParse(temperature, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) || t is < 0 or > 1))
        {
            throw ApiErrorException.Invalid($"Invalid 'temperature': expected a number between 0 and 1, got '{temperature}'.", "temperature", "invalid_value");
        }

        var granularities = form.Array("timestamp_granularities");
        foreach (var granularity in granularities)
        {
            if (granularity is not ("word" or "segment"))
            {
                throw ApiErrorException.Invalid($"Invalid value: '{granularity}'. Supported values are: 'word' and 'segment'.", "timestamp_granularities[]", "invalid_value");
            }
        }

        if (granularities.Count > 0 && format != "verbose_json")
        {
            throw ApiErrorException.Invalid("timestamp_granularities[] is only supported with response_format=verbose_json.", "timestamp_granularities[]", "invalid_value");
        }

        var include = form.Array("include");
        foreach (var value in include)
        {
            if (value != "logprobs")
            {
                throw ApiErrorException.Invalid($"Invalid value: '{value}'. Supported values are: 'logprobs'.", "include[]", "invalid_value");
            }

            if (format != "json" || !model.StartsWith("gpt-4o", StringComparison.Ordinal) || model.Contains("diarize", StringComparison.Ordinal))
            {
                throw ApiErrorException.Invalid($"include[]=logprobs is only supported with response_format=json and the gpt-4o-transcribe and gpt-4o-mini-transcribe models, not '{model}' with '{format}'.", "include[]", "unsupported_value");
            }
        }

        CheckChunkingStrategy(form.Field("chunking_strategy"));
        var streamField = form.Field("stream");
        if (streamField is not (null or "true" or "false" or "True" or "False"))
        {
            throw ApiErrorException.Invalid($"Invalid 'stream': expected a boolean, got '{streamField}'.", "stream", "invalid_type");
        }

        // whisper-1 does not stream: the API ignores the flag and answers in one piece.
        var stream = string.Equals(streamField, "true", StringComparison.OrdinalIgnoreCase) && model != "whisper-1";
        var prompt = form.Field("prompt");
        var transcript = new EmulatedTranscript(
            file.Comment ?? EmulatedTranscript.Placeholder(file),
            file.Duration,
            translate ? "translate" : "transcribe",
            translate ? "english" : LanguageName(form.Field("language")),
            billedByTokens: model.StartsWith("gpt-", StringComparison.Ordinal),
            promptTokens: TokenCounter.Count(prompt));

        var now = request.ReceivedAt;
        if (Emulator.RateLimits.TryReject(model, TokenCounter.Count(transcript.Text), now) is { } limited)
        {
            return limited;
        }

        var logprobs = include.Count > 0;
        ResponsePlan plan;
        if (stream)
        {
            plan = ResponsePlan.EventStream([.. transcript.Events(logprobs, diarized: format == "diarized_json").Select(static e => new ServerSentEvent(null, e))]);
        }
        else
        {
            plan = format switch
            {
                "text" => ResponsePlan.Text(200, transcript.Text + "\n", "text/plain; charset=utf-8"),
                "srt" => ResponsePlan.Text(200, transcript.Srt(), "text/plain; charset=utf-8"),
                "vtt" => ResponsePlan.Text(200, transcript.Vtt(), "text/plain; charset=utf-8"),
                "verbose_json" => ResponsePlan.Json(200, transcript.VerboseJson(words: granularities.Contains("word"), segments: granularities.Count == 0 || granularities.Contains("segment"))),
                "diarized_json" => ResponsePlan.Json(200, transcript.DiarizedJson()),
                _ => ResponsePlan.Json(200, transcript.Json(logprobs)),
            };
        }

        Emulator.RateLimits.AddHeaders(plan, model, now);
        return plan;
    }

    private static bool KnownModel(string model) =>
        model is "whisper-1" or "gpt-transcribe" or "gpt-4o-transcribe" or "gpt-4o-mini-transcribe" or "gpt-4o-mini-transcribe-2025-12-15" or "gpt-4o-transcribe-diarize";

    private static void CheckFormat(string model, string format, bool translate)
    {
        if (!s_formats.Contains(format) || (translate && format == "diarized_json"))
        {
            throw ApiErrorException.Invalid(
                $"Invalid value: '{format}'. Supported values are: {string.Join(", ", s_formats.Where(f => !translate || f != "diarized_json").Select(static f => $"'{f}'"))}.",
                "response_format",
                "invalid_value");
        }

        string[]? allowed = model switch
        {
            "gpt-4o-transcribe-diarize" => ["json", "text", "diarized_json"],
            _ when model.StartsWith("gpt-", StringComparison.Ordinal) => ["json", "text"],
            _ => null,
        };
        if (allowed is not null && !allowed.Contains(format))
        {
            throw ApiErrorException.Invalid(
                $"response_format '{format}' is not compatible with model '{model}'. Use {string.Join(" or ", allowed.Select(static f => $"'{f}'"))}.",
                "response_format",
                "unsupported_value");
        }

        if (format == "diarized_json" && model != "gpt-4o-transcribe-diarize")
        {
            throw ApiErrorException.Invalid($"response_format 'diarized_json' is only supported by gpt-4o-transcribe-diarize, not '{model}'.", "response_format", "unsupported_value");
        }
    }

    private static void CheckChunkingStrategy(string? value)
    {
        if (value is null or "auto")
        {
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(value);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var type) && type.ValueEquals("server_vad"))
            {
                RequestValidator.CheckParameters(root, ["type", "prefix_padding_ms", "silence_duration_ms", "threshold"], allowUnknown: false);
                RequestValidator.CheckNumber(root, "threshold", 0, 1);
                return;
            }
        }
        catch (JsonException)
        {
        }

        throw ApiErrorException.Invalid($"Invalid 'chunking_strategy': expected 'auto' or a server_vad object, got '{value}'.", "chunking_strategy", "invalid_value");
    }

    private static string LanguageName(string? code) => code switch
    {
        null or "" or "en" => "english",
        "de" => "german",
        "fr" => "french",
        "es" => "spanish",
        "it" => "italian",
        "ja" => "japanese",
        "zh" => "chinese",
        _ => code,
    };
}
