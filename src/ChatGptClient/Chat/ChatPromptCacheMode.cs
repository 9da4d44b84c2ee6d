using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.Chat;

/// <summary>Whether the server adds a cache breakpoint of its own (<c>prompt_cache_options.mode</c>): an extensible string value (<c>implicit</c>, <c>explicit</c>).</summary>
/// <remarks>A struct over a string so that values the API adds later still round-trip; a string converts to it implicitly.</remarks>
[JsonConverter(typeof(ExtensibleStringJsonConverter<ChatPromptCacheMode>))]
public readonly struct ChatPromptCacheMode : IEquatable<ChatPromptCacheMode>, IExtensibleString<ChatPromptCacheMode>
{
    /// <summary>Creates a mode from its wire value.</summary>
    /// <param name="value">The wire value, e.g. <c>explicit</c>.</param>
    public ChatPromptCacheMode(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>The server adds one breakpoint and writes up to the latest three marked ones (the default) (<c>implicit</c>).</summary>
    public static ChatPromptCacheMode Implicit { get; } = new("implicit");

    /// <summary>Only the marked breakpoints, up to the latest four (<c>explicit</c>).</summary>
    public static ChatPromptCacheMode Explicit { get; } = new("explicit");

    /// <summary>The wire value.</summary>
    public string Value => field ?? string.Empty;

    static string IExtensibleString<ChatPromptCacheMode>.FieldName => "mode";

    static IReadOnlyList<ChatPromptCacheMode> IExtensibleString<ChatPromptCacheMode>.KnownValues { get; } = [Implicit, Explicit];

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same mode.</returns>
    public static bool operator ==(ChatPromptCacheMode left, ChatPromptCacheMode right) => left.Equals(right);

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are different.</returns>
    public static bool operator !=(ChatPromptCacheMode left, ChatPromptCacheMode right) => !left.Equals(right);

    /// <summary>
    /// Wraps a wire string, <see langword="null"/> staying <see langword="null"/>, so that code written when the property
    /// was a string (<c>== "..."</c>, <c>= "..."</c>) still compiles.
    /// </summary>
    /// <remarks>Only to the nullable type: a conversion to <see cref="ChatPromptCacheMode"/> itself would turn a <see langword="null"/> in
    /// <c>condition ? value : null</c> into a call that throws.</remarks>
    /// <param name="value">The wire value, or <see langword="null"/>.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public static implicit operator ChatPromptCacheMode?(string? value) => value is null ? default(ChatPromptCacheMode?) : new ChatPromptCacheMode(value);

    static ChatPromptCacheMode IExtensibleString<ChatPromptCacheMode>.Create(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(ChatPromptCacheMode other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ChatPromptCacheMode other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value;
}
