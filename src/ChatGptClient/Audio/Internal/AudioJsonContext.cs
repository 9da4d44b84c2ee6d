using System.Text.Json.Serialization;

namespace ChatGpt.Audio.Internal;

/// <summary>The source-generated JSON of the audio endpoints (kept apart from <c>ChatGptJsonContext</c>): the same
/// snake_case names, nulls omitted and unknown fields ignored.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    GenerationMode = JsonSourceGenerationMode.Default)]
[JsonSerializable(typeof(Transcription))]
[JsonSerializable(typeof(DiarizedTranscriptionWire))]
[JsonSerializable(typeof(TranscriptionStreamEvent))]
[JsonSerializable(typeof(SpeechStreamEvent))]
[JsonSerializable(typeof(SpeechRequestWire))]
internal sealed partial class AudioJsonContext : JsonSerializerContext;
