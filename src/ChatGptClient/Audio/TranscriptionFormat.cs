using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.Audio;

/// <summary>The <c>response_format</c> of a transcription or translation: an extensible string value.</summary>
/// <remarks>A struct over a string (like <see cref="Chat.ChatRole"/>), so values the API adds later still work.</remarks>
[JsonConverter(typeof(ExtensibleStringJsonConverter<TranscriptionFormat>))]
public readonly struct TranscriptionFormat : IEquatable<TranscriptionFormat>, IExtensibleString<TranscriptionFormat>
{
    /// <summary>Creates a value from its wire string.</summary>
    /// <param name="value">The wire value, e.g. <c>json</c>.</param>
    public TranscriptionFormat(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary><c>json</c>: <c>{"text": ...}</c> with usage (the default).</summary>
    public static TranscriptionFormat Json { get; } = new("json");

    /// <summary><c>text</c>: the plain text.</summary>
    public static TranscriptionFormat Text { get; } = new("text");

    /// <summary><c>srt</c>: SubRip subtitles.</summary>
    public static TranscriptionFormat Srt { get; } = new("srt");

    /// <summary><c>verbose_json</c>: language, duration, segments and words with timings.</summary>
    public static TranscriptionFormat VerboseJson { get; } = new("verbose_json");

    /// <summary><c>vtt</c>: WebVTT subtitles.</summary>
    public static TranscriptionFormat Vtt { get; } = new("vtt");

    /// <summary><c>diarized_json</c>: segments with speaker labels.</summary>
    public static TranscriptionFormat DiarizedJson { get; } = new("diarized_json");

    /// <summary>The wire value.</summary>
    public string Value => field ?? string.Empty;

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(TranscriptionFormat left, TranscriptionFormat right) => left.Equals(right);

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(TranscriptionFormat left, TranscriptionFormat right) => !left.Equals(right);

    static string IExtensibleString<TranscriptionFormat>.FieldName => "response_format";

    static IReadOnlyList<TranscriptionFormat> IExtensibleString<TranscriptionFormat>.KnownValues { get; } = [Json, Text, Srt, VerboseJson, Vtt, DiarizedJson];

    static TranscriptionFormat IExtensibleString<TranscriptionFormat>.Create(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(TranscriptionFormat other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TranscriptionFormat other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value;
}
