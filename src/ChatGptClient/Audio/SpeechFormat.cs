using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.Audio;

/// <summary>The audio format of <c>POST /audio/speech</c> (<c>response_format</c>): an extensible string value.</summary>
/// <remarks>A struct over a string (like <see cref="Chat.ChatRole"/>), so values the API adds later still work.</remarks>
[JsonConverter(typeof(ExtensibleStringJsonConverter<SpeechFormat>))]
public readonly struct SpeechFormat : IEquatable<SpeechFormat>, IExtensibleString<SpeechFormat>
{
    /// <summary>Creates a value from its wire string.</summary>
    /// <param name="value">The wire value, e.g. <c>mp3</c>.</param>
    public SpeechFormat(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary><c>mp3</c>.</summary>
    public static SpeechFormat Mp3 { get; } = new("mp3");

    /// <summary><c>opus</c>.</summary>
    public static SpeechFormat Opus { get; } = new("opus");

    /// <summary><c>aac</c>.</summary>
    public static SpeechFormat Aac { get; } = new("aac");

    /// <summary><c>flac</c>.</summary>
    public static SpeechFormat Flac { get; } = new("flac");

    /// <summary><c>wav</c>.</summary>
    public static SpeechFormat Wav { get; } = new("wav");

    /// <summary><c>pcm</c>.</summary>
    public static SpeechFormat Pcm { get; } = new("pcm");

    /// <summary>The wire value.</summary>
    public string Value => field ?? string.Empty;

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(SpeechFormat left, SpeechFormat right) => left.Equals(right);

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(SpeechFormat left, SpeechFormat right) => !left.Equals(right);

    static string IExtensibleString<SpeechFormat>.FieldName => "response_format";

    static IReadOnlyList<SpeechFormat> IExtensibleString<SpeechFormat>.KnownValues { get; } = [Mp3, Opus, Aac, Flac, Wav, Pcm];

    static SpeechFormat IExtensibleString<SpeechFormat>.Create(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(SpeechFormat other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SpeechFormat other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value;
}
