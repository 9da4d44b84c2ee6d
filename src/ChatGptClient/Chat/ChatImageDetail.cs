using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.Chat;

/// <summary>The detail level of an image part (<c>detail</c>): an extensible string value (<c>auto</c>, <c>low</c>, <c>high</c>).</summary>
/// <remarks>A struct over a string so that values the API adds later still round-trip; a string converts to it implicitly.</remarks>
[JsonConverter(typeof(ExtensibleStringJsonConverter<ChatImageDetail>))]
public readonly struct ChatImageDetail : IEquatable<ChatImageDetail>, IExtensibleString<ChatImageDetail>
{
    /// <summary>Creates a detail level from its wire value.</summary>
    /// <param name="value">The wire value, e.g. <c>low</c>.</param>
    public ChatImageDetail(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>The model chooses (the API's default) (<c>auto</c>).</summary>
    public static ChatImageDetail Auto { get; } = new("auto");

    /// <summary>A 512 px preview, for fewer tokens and a faster answer (<c>low</c>).</summary>
    public static ChatImageDetail Low { get; } = new("low");

    /// <summary>The full image, for fine detail (<c>high</c>).</summary>
    public static ChatImageDetail High { get; } = new("high");

    /// <summary>The wire value.</summary>
    public string Value => field ?? string.Empty;

    static string IExtensibleString<ChatImageDetail>.FieldName => "detail";

    static IReadOnlyList<ChatImageDetail> IExtensibleString<ChatImageDetail>.KnownValues { get; } = [Auto, Low, High];

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same detail level.</returns>
    public static bool operator ==(ChatImageDetail left, ChatImageDetail right) => left.Equals(right);

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are different.</returns>
    public static bool operator !=(ChatImageDetail left, ChatImageDetail right) => !left.Equals(right);

    /// <summary>
    /// Wraps a wire string, <see langword="null"/> staying <see langword="null"/>, so that code written when the property
    /// was a string (<c>== "..."</c>, <c>= "..."</c>) still compiles.
    /// </summary>
    /// <remarks>Only to the nullable type: a conversion to <see cref="ChatImageDetail"/> itself would turn a <see langword="null"/> in
    /// <c>condition ? value : null</c> into a call that throws.</remarks>
    /// <param name="value">The wire value, or <see langword="null"/>.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public static implicit operator ChatImageDetail?(string? value) => value is null ? default(ChatImageDetail?) : new ChatImageDetail(value);

    static ChatImageDetail IExtensibleString<ChatImageDetail>.Create(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(ChatImageDetail other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ChatImageDetail other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value;
}
