using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.Chat;

/// <summary>How much context a web search retrieves (<c>search_context_size</c>): an extensible string value (<c>low</c>, <c>medium</c>, <c>high</c>).</summary>
/// <remarks>A struct over a string so that values the API adds later still round-trip; a string converts to it implicitly.</remarks>
[JsonConverter(typeof(ExtensibleStringJsonConverter<ChatWebSearchContextSize>))]
public readonly struct ChatWebSearchContextSize : IEquatable<ChatWebSearchContextSize>, IExtensibleString<ChatWebSearchContextSize>
{
    /// <summary>Creates a context size from its wire value.</summary>
    /// <param name="value">The wire value, e.g. <c>high</c>.</param>
    public ChatWebSearchContextSize(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>The least context: cheapest and fastest, possibly less accurate (<c>low</c>).</summary>
    public static ChatWebSearchContextSize Low { get; } = new("low");

    /// <summary>Balanced (the API's default) (<c>medium</c>).</summary>
    public static ChatWebSearchContextSize Medium { get; } = new("medium");

    /// <summary>The most context: most thorough, slower and dearer (<c>high</c>).</summary>
    public static ChatWebSearchContextSize High { get; } = new("high");

    /// <summary>The wire value.</summary>
    public string Value => field ?? string.Empty;

    static string IExtensibleString<ChatWebSearchContextSize>.FieldName => "search_context_size";

    static IReadOnlyList<ChatWebSearchContextSize> IExtensibleString<ChatWebSearchContextSize>.KnownValues { get; } = [Low, Medium, High];

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same context size.</returns>
    public static bool operator ==(ChatWebSearchContextSize left, ChatWebSearchContextSize right) => left.Equals(right);

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are different.</returns>
    public static bool operator !=(ChatWebSearchContextSize left, ChatWebSearchContextSize right) => !left.Equals(right);

    /// <summary>
    /// Wraps a wire string, <see langword="null"/> staying <see langword="null"/>, so that code written when the property
    /// was a string (<c>== "..."</c>, <c>= "..."</c>) still compiles.
    /// </summary>
    /// <remarks>Only to the nullable type: a conversion to <see cref="ChatWebSearchContextSize"/> itself would turn a <see langword="null"/> in
    /// <c>condition ? value : null</c> into a call that throws.</remarks>
    /// <param name="value">The wire value, or <see langword="null"/>.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public static implicit operator ChatWebSearchContextSize?(string? value) => value is null ? default(ChatWebSearchContextSize?) : new ChatWebSearchContextSize(value);

    static ChatWebSearchContextSize IExtensibleString<ChatWebSearchContextSize>.Create(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(ChatWebSearchContextSize other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ChatWebSearchContextSize other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value;
}
