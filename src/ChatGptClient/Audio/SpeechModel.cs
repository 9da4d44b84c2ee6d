using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.Audio;

/// <summary>A text-to-speech model: an extensible string value (any model id is accepted).</summary>
/// <remarks>A struct over a string (like <see cref="Chat.ChatRole"/>), so values the API adds later still work.</remarks>
[JsonConverter(typeof(ExtensibleStringJsonConverter<SpeechModel>))]
public readonly struct SpeechModel : IEquatable<SpeechModel>, IExtensibleString<SpeechModel>
{
    /// <summary>Creates a value from its wire string.</summary>
    /// <param name="value">The wire value, e.g. <c>tts-1</c>.</param>
    public SpeechModel(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary><c>tts-1</c>: optimised for speed.</summary>
    public static SpeechModel Tts1 { get; } = new("tts-1");

    /// <summary><c>tts-1-hd</c>: optimised for quality.</summary>
    public static SpeechModel Tts1Hd { get; } = new("tts-1-hd");

    /// <summary><c>gpt-4o-mini-tts</c>: takes <see cref="SpeechRequest.Instructions"/> and streams events.</summary>
    public static SpeechModel Gpt4oMiniTts { get; } = new("gpt-4o-mini-tts");

    /// <summary>The wire value.</summary>
    public string Value => field ?? string.Empty;

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(SpeechModel left, SpeechModel right) => left.Equals(right);

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(SpeechModel left, SpeechModel right) => !left.Equals(right);

    static string IExtensibleString<SpeechModel>.FieldName => "model";

    static IReadOnlyList<SpeechModel> IExtensibleString<SpeechModel>.KnownValues { get; } = [Tts1, Tts1Hd, Gpt4oMiniTts];

    static SpeechModel IExtensibleString<SpeechModel>.Create(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(SpeechModel other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SpeechModel other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value;
}
