using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.Chat;

/// <summary>How long cached prompts are kept at most (<c>prompt_cache_retention</c>, deprecated by the API for <see cref="ChatPromptCacheOptions"/>): an extensible string value (<c>in_memory</c>, <c>24h</c>).</summary>
/// <remarks>A struct over a string so that values the API adds later still round-trip; a string converts to it implicitly.</remarks>
[JsonConverter(typeof(ExtensibleStringJsonConverter<ChatPromptCacheRetention>))]
public readonly struct ChatPromptCacheRetention : IEquatable<ChatPromptCacheRetention>, IExtensibleString<ChatPromptCacheRetention>
{
    /// <summary>Creates a retention from its wire value.</summary>
    /// <param name="value">The wire value, e.g. <c>24h</c>.</param>
    public ChatPromptCacheRetention(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>Kept in memory only, for minutes (<c>in_memory</c>).</summary>
    public static ChatPromptCacheRetention InMemory { get; } = new("in_memory");

    /// <summary>Kept up to a day (extended retention) (<c>24h</c>).</summary>
    public static ChatPromptCacheRetention TwentyFourHours { get; } = new("24h");

    /// <summary>The wire value.</summary>
    public string Value => field ?? string.Empty;

    static string IExtensibleString<ChatPromptCacheRetention>.FieldName => "prompt_cache_retention";

    static IReadOnlyList<ChatPromptCacheRetention> IExtensibleString<ChatPromptCacheRetention>.KnownValues { get; } = [InMemory, TwentyFourHours];

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same retention.</returns>
    public static bool operator ==(ChatPromptCacheRetention left, ChatPromptCacheRetention right) => left.Equals(right);

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are different.</returns>
    public static bool operator !=(ChatPromptCacheRetention left, ChatPromptCacheRetention right) => !left.Equals(right);

    /// <summary>
    /// Wraps a wire string, <see langword="null"/> staying <see langword="null"/>, so that code written when the property
    /// was a string (<c>== "..."</c>, <c>= "..."</c>) still compiles.
    /// </summary>
    /// <remarks>Only to the nullable type: a conversion to <see cref="ChatPromptCacheRetention"/> itself would turn a <see langword="null"/> in
    /// <c>condition ? value : null</c> into a call that throws.</remarks>
    /// <param name="value">The wire value, or <see langword="null"/>.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public static implicit operator ChatPromptCacheRetention?(string? value) => value is null ? default(ChatPromptCacheRetention?) : new ChatPromptCacheRetention(value);

    static ChatPromptCacheRetention IExtensibleString<ChatPromptCacheRetention>.Create(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(ChatPromptCacheRetention other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ChatPromptCacheRetention other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value;
}
