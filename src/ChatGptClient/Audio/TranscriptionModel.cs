using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.Audio;

/// <summary>A speech-to-text model: an extensible string value (any model id is accepted).</summary>
/// <remarks>A struct over a string (like <see cref="Chat.ChatRole"/>), so values the API adds later still work.</remarks>
[JsonConverter(typeof(ExtensibleStringJsonConverter<TranscriptionModel>))]
public readonly struct TranscriptionModel : IEquatable<TranscriptionModel>, IExtensibleString<TranscriptionModel>
{
    /// <summary>Creates a value from its wire string.</summary>
    /// <param name="value">The wire value, e.g. <c>whisper-1</c>.</param>
    public TranscriptionModel(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary><c>whisper-1</c>: Whisper V2: every response format, no streaming.</summary>
    public static TranscriptionModel Whisper1 { get; } = new("whisper-1");

    /// <summary><c>gpt-4o-transcribe</c>: <c>json</c> only, streams events, log probabilities.</summary>
    public static TranscriptionModel Gpt4oTranscribe { get; } = new("gpt-4o-transcribe");

    /// <summary><c>gpt-4o-mini-transcribe</c>: <c>json</c> only, streams events, log probabilities.</summary>
    public static TranscriptionModel Gpt4oMiniTranscribe { get; } = new("gpt-4o-mini-transcribe");

    /// <summary><c>gpt-4o-transcribe-diarize</c>: speaker labels with <see cref="TranscriptionFormat.DiarizedJson"/>.</summary>
    public static TranscriptionModel Gpt4oTranscribeDiarize { get; } = new("gpt-4o-transcribe-diarize");

    /// <summary><c>gpt-transcribe</c>: takes languages and keywords.</summary>
    public static TranscriptionModel GptTranscribe { get; } = new("gpt-transcribe");

    /// <summary>The wire value.</summary>
    public string Value => field ?? string.Empty;

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(TranscriptionModel left, TranscriptionModel right) => left.Equals(right);

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(TranscriptionModel left, TranscriptionModel right) => !left.Equals(right);

    static string IExtensibleString<TranscriptionModel>.FieldName => "model";

    static IReadOnlyList<TranscriptionModel> IExtensibleString<TranscriptionModel>.KnownValues { get; } = [Whisper1, Gpt4oTranscribe, Gpt4oMiniTranscribe, Gpt4oTranscribeDiarize, GptTranscribe];

    static TranscriptionModel IExtensibleString<TranscriptionModel>.Create(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(TranscriptionModel other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TranscriptionModel other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value;
}
