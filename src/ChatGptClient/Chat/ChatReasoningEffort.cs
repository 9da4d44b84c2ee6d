using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.Chat;

/// <summary>How much reasoning a reasoning model does before it answers: an extensible string value (<c>low</c>, <c>medium</c>, <c>high</c>, ...).</summary>
/// <remarks>A struct over a string so that values the API adds later still round-trip; a string converts to it implicitly.</remarks>
[JsonConverter(typeof(ExtensibleStringJsonConverter<ChatReasoningEffort>))]
public readonly struct ChatReasoningEffort : IEquatable<ChatReasoningEffort>, IExtensibleString<ChatReasoningEffort>
{
    /// <summary>Creates a reasoning effort from its wire value.</summary>
    /// <param name="value">The wire value, e.g. <c>low</c>.</param>
    public ChatReasoningEffort(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>No reasoning, on models that support it (<c>none</c>).</summary>
    public static ChatReasoningEffort None { get; } = new("none");

    /// <summary>The least reasoning (<c>minimal</c>).</summary>
    public static ChatReasoningEffort Minimal { get; } = new("minimal");

    /// <summary>Little reasoning: faster and fewer reasoning tokens (<c>low</c>).</summary>
    public static ChatReasoningEffort Low { get; } = new("low");

    /// <summary>The API's default (<c>medium</c>).</summary>
    public static ChatReasoningEffort Medium { get; } = new("medium");

    /// <summary>More reasoning (<c>high</c>).</summary>
    public static ChatReasoningEffort High { get; } = new("high");

    /// <summary>Even more reasoning (<c>xhigh</c>).</summary>
    public static ChatReasoningEffort ExtraHigh { get; } = new("xhigh");

    /// <summary>The most reasoning the model offers (<c>max</c>).</summary>
    public static ChatReasoningEffort Max { get; } = new("max");

    /// <summary>The wire value.</summary>
    public string Value => field ?? string.Empty;

    static string IExtensibleString<ChatReasoningEffort>.FieldName => "reasoning_effort";

    static IReadOnlyList<ChatReasoningEffort> IExtensibleString<ChatReasoningEffort>.KnownValues { get; } = [None, Minimal, Low, Medium, High, ExtraHigh, Max];

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same reasoning effort.</returns>
    public static bool operator ==(ChatReasoningEffort left, ChatReasoningEffort right) => left.Equals(right);

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are different.</returns>
    public static bool operator !=(ChatReasoningEffort left, ChatReasoningEffort right) => !left.Equals(right);

    /// <summary>
    /// Wraps a wire string, <see langword="null"/> staying <see langword="null"/>, so that code written when the property
    /// was a string (<c>== "..."</c>, <c>= "..."</c>) still compiles.
    /// </summary>
    /// <remarks>Only to the nullable type: a conversion to <see cref="ChatReasoningEffort"/> itself would turn a <see langword="null"/> in
    /// <c>condition ? value : null</c> into a call that throws.</remarks>
    /// <param name="value">The wire value, or <see langword="null"/>.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public static implicit operator ChatReasoningEffort?(string? value) => value is null ? default(ChatReasoningEffort?) : new ChatReasoningEffort(value);

    static ChatReasoningEffort IExtensibleString<ChatReasoningEffort>.Create(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(ChatReasoningEffort other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ChatReasoningEffort other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value;
}
