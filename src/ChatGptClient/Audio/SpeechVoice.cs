using System.Text.Json.Serialization;
using ChatGpt.Audio.Internal;
using ChatGpt.Serialization;

namespace ChatGpt.Audio;

/// <summary>A voice of <c>POST /audio/speech</c>: a built-in voice name, extensible as the API adds voices. A custom voice is made with <see cref="Custom"/>.</summary>
/// <remarks>A struct over a string (like <see cref="Chat.ChatRole"/>), so values the API adds later still work.</remarks>
[JsonConverter(typeof(SpeechVoiceJsonConverter))]
public readonly struct SpeechVoice : IEquatable<SpeechVoice>, IExtensibleString<SpeechVoice>
{
    /// <summary>Creates a value from its wire string.</summary>
    /// <param name="value">The wire value, e.g. <c>alloy</c>.</param>
    public SpeechVoice(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    private SpeechVoice(string value, bool isCustom)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
        IsCustom = isCustom;
    }

    /// <summary>Whether this is a custom voice's id, sent as <c>{"id": ...}</c>, rather than a built-in voice name.</summary>
    public bool IsCustom { get; }

    /// <summary>A custom voice (created in the OpenAI dashboard), sent as <c>{"id": "voice_1234"}</c>.</summary>
    /// <param name="id">The custom voice's id, e.g. <c>voice_1234</c>.</param>
    /// <returns>The voice.</returns>
    public static SpeechVoice Custom(string id) => new(id, isCustom: true);

    /// <summary><c>alloy</c>.</summary>
    public static SpeechVoice Alloy { get; } = new("alloy");

    /// <summary><c>ash</c>.</summary>
    public static SpeechVoice Ash { get; } = new("ash");

    /// <summary><c>ballad</c>.</summary>
    public static SpeechVoice Ballad { get; } = new("ballad");

    /// <summary><c>coral</c>.</summary>
    public static SpeechVoice Coral { get; } = new("coral");

    /// <summary><c>echo</c>.</summary>
    public static SpeechVoice Echo { get; } = new("echo");

    /// <summary><c>fable</c>.</summary>
    public static SpeechVoice Fable { get; } = new("fable");

    /// <summary><c>onyx</c>.</summary>
    public static SpeechVoice Onyx { get; } = new("onyx");

    /// <summary><c>nova</c>.</summary>
    public static SpeechVoice Nova { get; } = new("nova");

    /// <summary><c>sage</c>.</summary>
    public static SpeechVoice Sage { get; } = new("sage");

    /// <summary><c>shimmer</c>.</summary>
    public static SpeechVoice Shimmer { get; } = new("shimmer");

    /// <summary><c>verse</c>.</summary>
    public static SpeechVoice Verse { get; } = new("verse");

    /// <summary><c>marin</c>.</summary>
    public static SpeechVoice Marin { get; } = new("marin");

    /// <summary><c>cedar</c>.</summary>
    public static SpeechVoice Cedar { get; } = new("cedar");

    /// <summary>The wire value.</summary>
    public string Value => field ?? string.Empty;

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(SpeechVoice left, SpeechVoice right) => left.Equals(right);

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(SpeechVoice left, SpeechVoice right) => !left.Equals(right);

    static string IExtensibleString<SpeechVoice>.FieldName => "voice";

    static IReadOnlyList<SpeechVoice> IExtensibleString<SpeechVoice>.KnownValues { get; } = [Alloy, Ash, Ballad, Coral, Echo, Fable, Onyx, Nova, Sage, Shimmer, Verse, Marin, Cedar];

    static SpeechVoice IExtensibleString<SpeechVoice>.Create(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(SpeechVoice other) => IsCustom == other.IsCustom && string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SpeechVoice other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(IsCustom, StringComparer.OrdinalIgnoreCase.GetHashCode(Value));

    /// <summary>The wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value;
}
