using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.Chat;

/// <summary>How verbose the model's answer is: an extensible string value (<c>low</c>, <c>medium</c>, <c>high</c>).</summary>
/// <remarks>A struct over a string so that values the API adds later still round-trip; a string converts to it implicitly.</remarks>
[JsonConverter(typeof(ExtensibleStringJsonConverter<ChatVerbosity>))]
public readonly struct ChatVerbosity : IEquatable<ChatVerbosity>, IExtensibleString<ChatVerbosity>
{
    /// <summary>Creates a verbosity from its wire value.</summary>
    /// <param name="value">The wire value, e.g. <c>low</c>.</param>
    public ChatVerbosity(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>Concise answers (<c>low</c>).</summary>
    public static ChatVerbosity Low { get; } = new("low");

    /// <summary>The API's default (<c>medium</c>).</summary>
    public static ChatVerbosity Medium { get; } = new("medium");

    /// <summary>Detailed answers (<c>high</c>).</summary>
    public static ChatVerbosity High { get; } = new("high");

    /// <summary>The wire value.</summary>
    public string Value => field ?? string.Empty;

    static string IExtensibleString<ChatVerbosity>.FieldName => "verbosity";

    static IReadOnlyList<ChatVerbosity> IExtensibleString<ChatVerbosity>.KnownValues { get; } = [Low, Medium, High];

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same verbosity.</returns>
    public static bool operator ==(ChatVerbosity left, ChatVerbosity right) => left.Equals(right);

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are different.</returns>
    public static bool operator !=(ChatVerbosity left, ChatVerbosity right) => !left.Equals(right);

    /// <summary>
    /// Wraps a wire string, <see langword="null"/> staying <see langword="null"/>, so that code written when the property
    /// was a string (<c>== "..."</c>, <c>= "..."</c>) still compiles.
    /// </summary>
    /// <remarks>Only to the nullable type: a conversion to <see cref="ChatVerbosity"/> itself would turn a <see langword="null"/> in
    /// <c>condition ? value : null</c> into a call that throws.</remarks>
    /// <param name="value">The wire value, or <see langword="null"/>.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public static implicit operator ChatVerbosity?(string? value) => value is null ? default(ChatVerbosity?) : new ChatVerbosity(value);

    static ChatVerbosity IExtensibleString<ChatVerbosity>.Create(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(ChatVerbosity other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ChatVerbosity other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value;
}
