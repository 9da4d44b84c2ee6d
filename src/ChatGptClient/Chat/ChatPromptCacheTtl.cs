using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.Chat;

/// <summary>The least time a cache breakpoint is kept (<c>prompt_cache_options.ttl</c>): an extensible string value (<c>30m</c>).</summary>
/// <remarks>A struct over a string so that values the API adds later still round-trip; a string converts to it implicitly.</remarks>
[JsonConverter(typeof(ExtensibleStringJsonConverter<ChatPromptCacheTtl>))]
public readonly struct ChatPromptCacheTtl : IEquatable<ChatPromptCacheTtl>, IExtensibleString<ChatPromptCacheTtl>
{
    /// <summary>Creates a lifetime from its wire value.</summary>
    /// <param name="value">The wire value, e.g. <c>30m</c>.</param>
    public ChatPromptCacheTtl(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>Thirty minutes (the default and only value today) (<c>30m</c>).</summary>
    public static ChatPromptCacheTtl ThirtyMinutes { get; } = new("30m");

    /// <summary>The wire value.</summary>
    public string Value => field ?? string.Empty;

    static string IExtensibleString<ChatPromptCacheTtl>.FieldName => "ttl";

    static IReadOnlyList<ChatPromptCacheTtl> IExtensibleString<ChatPromptCacheTtl>.KnownValues { get; } = [ThirtyMinutes];

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same lifetime.</returns>
    public static bool operator ==(ChatPromptCacheTtl left, ChatPromptCacheTtl right) => left.Equals(right);

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are different.</returns>
    public static bool operator !=(ChatPromptCacheTtl left, ChatPromptCacheTtl right) => !left.Equals(right);

    /// <summary>
    /// Wraps a wire string, <see langword="null"/> staying <see langword="null"/>, so that code written when the property
    /// was a string (<c>== "..."</c>, <c>= "..."</c>) still compiles.
    /// </summary>
    /// <remarks>Only to the nullable type: a conversion to <see cref="ChatPromptCacheTtl"/> itself would turn a <see langword="null"/> in
    /// <c>condition ? value : null</c> into a call that throws.</remarks>
    /// <param name="value">The wire value, or <see langword="null"/>.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public static implicit operator ChatPromptCacheTtl?(string? value) => value is null ? default(ChatPromptCacheTtl?) : new ChatPromptCacheTtl(value);

    static ChatPromptCacheTtl IExtensibleString<ChatPromptCacheTtl>.Create(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(ChatPromptCacheTtl other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ChatPromptCacheTtl other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value;
}
