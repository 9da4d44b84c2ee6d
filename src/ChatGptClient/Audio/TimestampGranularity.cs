using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.Audio;

/// <summary>A <c>timestamp_granularities[]</c> entry of a transcription (needs <see cref="TranscriptionFormat.VerboseJson"/>).</summary>
/// <remarks>A struct over a string (like <see cref="Chat.ChatRole"/>), so values the API adds later still work.</remarks>
[JsonConverter(typeof(ExtensibleStringJsonConverter<TimestampGranularity>))]
public readonly struct TimestampGranularity : IEquatable<TimestampGranularity>, IExtensibleString<TimestampGranularity>
{
    /// <summary>Creates a value from its wire string.</summary>
    /// <param name="value">The wire value, e.g. <c>word</c>.</param>
    public TimestampGranularity(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary><c>word</c>: word timings (adds latency).</summary>
    public static TimestampGranularity Word { get; } = new("word");

    /// <summary><c>segment</c>: segment timings (the default).</summary>
    public static TimestampGranularity Segment { get; } = new("segment");

    /// <summary>The wire value.</summary>
    public string Value => field ?? string.Empty;

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(TimestampGranularity left, TimestampGranularity right) => left.Equals(right);

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(TimestampGranularity left, TimestampGranularity right) => !left.Equals(right);

    static string IExtensibleString<TimestampGranularity>.FieldName => "timestamp_granularities";

    static IReadOnlyList<TimestampGranularity> IExtensibleString<TimestampGranularity>.KnownValues { get; } = [Word, Segment];

    static TimestampGranularity IExtensibleString<TimestampGranularity>.Create(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(TimestampGranularity other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TimestampGranularity other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value;
}
