using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.Audio;

/// <summary>An <c>include[]</c> entry of a transcription: extra information to return.</summary>
/// <remarks>A struct over a string (like <see cref="Chat.ChatRole"/>), so values the API adds later still work.</remarks>
[JsonConverter(typeof(ExtensibleStringJsonConverter<TranscriptionInclude>))]
public readonly struct TranscriptionInclude : IEquatable<TranscriptionInclude>, IExtensibleString<TranscriptionInclude>
{
    /// <summary>Creates a value from its wire string.</summary>
    /// <param name="value">The wire value, e.g. <c>logprobs</c>.</param>
    public TranscriptionInclude(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary><c>logprobs</c>: the log probabilities of the tokens (json format, gpt-4o transcribe models).</summary>
    public static TranscriptionInclude Logprobs { get; } = new("logprobs");

    /// <summary>The wire value.</summary>
    public string Value => field ?? string.Empty;

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(TranscriptionInclude left, TranscriptionInclude right) => left.Equals(right);

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(TranscriptionInclude left, TranscriptionInclude right) => !left.Equals(right);

    static string IExtensibleString<TranscriptionInclude>.FieldName => "include";

    static IReadOnlyList<TranscriptionInclude> IExtensibleString<TranscriptionInclude>.KnownValues { get; } = [Logprobs];

    static TranscriptionInclude IExtensibleString<TranscriptionInclude>.Create(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(TranscriptionInclude other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TranscriptionInclude other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value;
}
