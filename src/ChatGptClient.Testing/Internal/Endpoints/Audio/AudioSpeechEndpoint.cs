using System.Globalization;
using System.Text.Json;

namespace ChatGpt.Testing.Internal;

/// <summary>
/// <c>POST /v1/audio/speech</c>: checks the request as the API does and answers with a valid 24 kHz 16-bit mono WAV (or its
/// raw PCM for <c>pcm</c>) whose duration follows the text's length and the speed, sent in 100 ms chunks with the emulator's
/// chunk delay, or as <c>speech.audio.delta</c> events for <c>stream_format=sse</c>. The emulator encodes no mp3, opus, aac
/// or flac: for those it sends the WAV as a stand-in, labelled <c>Content-Type: audio/wav</c> and
/// <c>x-emulator-stand-in</c>.
/// </summary>
internal sealed class AudioSpeechEndpoint : EmulatorEndpoint
{
    /// <summary>The header that labels a WAV sent in place of a format the emulator does not encode.</summary>
    public const string StandInHeader = "x-emulator-stand-in";

    /// <summary>100 ms of 24 kHz 16-bit mono audio.</summary>
    private const int ChunkBytes = SpeechSynthesizer.SampleRate * 2 / 10;

    private static readonly HashSet<string> s_fields = ["model", "input", "instructions", "voice", "response_format", "speed", "stream_format"];
    private static readonly string[] s_voices = ["alloy", "ash", "ballad", "coral", "echo", "fable", "onyx", "nova", "sage", "shimmer", "verse", "marin", "cedar"];
    private static readonly string[] s_formats = ["mp3", "opus", "aac", "flac", "wav", "pcm"];

    public AudioSpeechEndpoint(ChatGptEmulator emulator)
        : base(emulator)
    {
    }

    public override IReadOnlyList<EmulatorRoute> Routes { get; } = [new("POST", "/v1/audio/speech", RequestBodyKind.Json)];

    /// <summary>The body parameters accepted.</summary>
    public static IReadOnlyCollection<string> AcceptedParameters => s_fields;

    public override ValueTask<ResponsePlan> HandleAsync(EndpointRequest request, CancellationToken cancellationToken)
    {
        var root = request.Json;
        RequestValidator.CheckParameters(root, s_fields, Emulator.AllowUnknownParameters);
        var model = RequestValidator.ReadModel(root);
        var input = RequestValidator.ReadString(root, "input");
        if (input is null)
        {
            throw ApiErrorException.Invalid("Missing required parameter: 'input'.", "input", "missing_required_parameter");
        }

        CheckLength(input, "input");
        if (RequestValidator.ReadString(root, "instructions") is { } instructions)
        {
            CheckLength(instructions, "instructions");
        }

        var voice = ReadVoice(root);
        var format = RequestValidator.ReadString(root, "response_format") ?? "mp3";
        if (!s_formats.Contains(format))
        {
            throw ApiErrorException.Invalid($"Invalid value: '{format}'. Supported values are: {string.Join(", ", s_formats.Select(static f => $"'{f}'"))}.", "response_format", "invalid_value");
        }

        RequestValidator.CheckNumber(root, "speed", 0.25, 4);
        var speed = root.TryGetProperty("speed", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : 1.0;
        var streamFormat = RequestValidator.ReadString(root, "stream_format") ?? "audio";
        if (streamFormat is not ("audio" or "sse"))
        {
            throw ApiErrorException.Invalid($"Invalid value: '{streamFormat}'. Supported values are: 'sse' and 'audio'.", "stream_format", "invalid_value");
        }

        if (streamFormat == "sse" && model is "tts-1" or "tts-1-hd")
        {
            throw ApiErrorException.Invalid($"stream_format 'sse' is not supported for model '{model}'.", "stream_format", "unsupported_value");
        }

        if (model is not ("tts-1" or "tts-1-hd" or "gpt-4o-mini-tts" or "gpt-4o-mini-tts-2025-12-15"))
        {
            EmulatorModels.CheckAccepted(Emulator, model);
        }

        var now = request.ReceivedAt;
        var inputTokens = TokenCounter.Count(input);
        if (Emulator.RateLimits.TryReject(model, inputTokens, now) is { } limited)
        {
            return ValueTask.FromResult(limited);
        }

        var pcm = SpeechSynthesizer.Pcm(input, speed);
        var audio = format == "pcm" ? pcm : SpeechSynthesizer.Wav(pcm, input);
        ResponsePlan plan;
        if (streamFormat == "sse")
        {
            var events = new List<ServerSentEvent>();
            for (var offset = 0; offset < audio.Length; offset += ChunkBytes)
            {
                var chunk = audio.AsMemory(offset, Math.Min(ChunkBytes, audio.Length - offset));
                events.Add(new ServerSentEvent(null, ResponseWriter.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("type", "speech.audio.delta");
                    w.WriteBase64String("audio", chunk.Span);
                    w.WriteEndObject();
                })));
            }

            var outputTokens = (int)Math.Ceiling(SpeechSynthesizer.DurationOf(input, speed).TotalSeconds * 10);
            events.Add(new ServerSentEvent(null, ResponseWriter.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("type", "speech.audio.done");
                w.WriteStartObject("usage");
                w.WriteNumber("input_tokens", inputTokens);
                w.WriteNumber("output_tokens", outputTokens);
                w.WriteNumber("total_tokens", inputTokens + outputTokens);
                w.WriteEndObject();
                w.WriteEndObject();
            })));
            plan = ResponsePlan.EventStream(events);
        }
        else
        {
            plan = ResponsePlan.Chunked(200, format == "pcm" ? "audio/pcm" : "audio/wav", _ => Chunks(audio), audio.Length);
        }

        if (format is not ("wav" or "pcm"))
        {
            plan.SetHeader(StandInHeader, $"wav; the emulator does not encode {format}, so this is a WAV (24 kHz, 16-bit, mono) in its place");
        }

        plan.SetHeader("x-emulator-voice", voice);
        Emulator.RateLimits.AddHeaders(plan, model, now);
        return ValueTask.FromResult(plan);
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> Chunks(byte[] audio)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        for (var offset = 0; offset < audio.Length; offset += ChunkBytes)
        {
            yield return audio.AsMemory(offset, Math.Min(ChunkBytes, audio.Length - offset));
        }
    }

    private static void CheckLength(string value, string name)
    {
        if (value.Length > 4096)
        {
            throw ApiErrorException.Invalid(
                string.Create(CultureInfo.InvariantCulture, $"Invalid '{name}': string too long. Expected a string with maximum length 4096, but got a string with length {value.Length} instead."),
                name,
                "string_above_max_length");
        }

        if (name == "input" && value.Length == 0)
        {
            throw ApiErrorException.Invalid("Invalid 'input': empty string. Expected a string with minimum length 1.", name, "string_below_min_length");
        }
    }

    private static string ReadVoice(JsonElement root)
    {
        if (!root.TryGetProperty("voice", out var voice) || voice.ValueKind == JsonValueKind.Null)
        {
            throw ApiErrorException.Invalid("Missing required parameter: 'voice'.", "voice", "missing_required_parameter");
        }

        if (voice.ValueKind == JsonValueKind.Object)
        {
            RequestValidator.CheckParameters(voice, ["id"], allowUnknown: false);
            return voice.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } value
                ? value
                : throw ApiErrorException.Invalid("Missing required parameter: 'voice.id'.", "voice.id", "missing_required_parameter");
        }

        if (voice.ValueKind != JsonValueKind.String)
        {
            throw RequestValidator.InvalidType("voice", "a string or an object with an id", voice);
        }

        var name = voice.GetString()!;
        return s_voices.Contains(name)
            ? name
            : throw ApiErrorException.Invalid($"Invalid value: '{name}'. Supported values are: {string.Join(", ", s_voices.Select(static v => $"'{v}'"))}.", "voice", "invalid_value");
    }
}
