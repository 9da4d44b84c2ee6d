using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt;

/// <summary>Why the model stopped generating a choice: an extensible string value (<c>stop</c>, <c>length</c>, <c>tool_calls</c>, ...).</summary>
/// <remarks>A struct over a string so that values the API adds later still round-trip; a string converts to it implicitly.</remarks>
[JsonConverter(typeof(ExtensibleStringJsonConverter<FinishReason>))]
public readonly struct FinishReason : IEquatable<FinishReason>, IExtensibleString<FinishReason>
{
    /// <summary>Creates a finish reason from its wire value.</summary>
    /// <param name="value">The wire value, e.g. <c>stop</c>.</param>
    public FinishReason(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>The model reached a natural end or one of the request's stop sequences (<c>stop</c>).</summary>
    public static FinishReason Stop { get; } = new("stop");

    /// <summary>The answer was cut at the token limit (<c>length</c>): raise the request's maximum tokens for the rest.</summary>
    public static FinishReason Length { get; } = new("length");

    /// <summary>The model called one or more tools (<c>tool_calls</c>).</summary>
    public static FinishReason ToolCalls { get; } = new("tool_calls");

    /// <summary>Content was left out because the content filters flagged it (<c>content_filter</c>).</summary>
    public static FinishReason ContentFilter { get; } = new("content_filter");

    /// <summary>The model called a legacy function (<c>function_call</c>, deprecated by the API in favour of <see cref="ToolCalls"/>).</summary>
    public static FinishReason FunctionCall { get; } = new("function_call");

    /// <summary>The wire value.</summary>
    public string Value => field ?? string.Empty;

    static string IExtensibleString<FinishReason>.FieldName => "finish_reason";

    static IReadOnlyList<FinishReason> IExtensibleString<FinishReason>.KnownValues { get; } = [Stop, Length, ToolCalls, ContentFilter, FunctionCall];

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same finish reason.</returns>
    public static bool operator ==(FinishReason left, FinishReason right) => left.Equals(right);

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are different.</returns>
    public static bool operator !=(FinishReason left, FinishReason right) => !left.Equals(right);

    /// <summary>
    /// Wraps a wire string, <see langword="null"/> staying <see langword="null"/>, so that code written when the property
    /// was a string (<c>== "..."</c>, <c>= "..."</c>) still compiles.
    /// </summary>
    /// <remarks>Only to the nullable type: a conversion to <see cref="FinishReason"/> itself would turn a <see langword="null"/> in
    /// <c>condition ? value : null</c> into a call that throws.</remarks>
    /// <param name="value">The wire value, or <see langword="null"/>.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public static implicit operator FinishReason?(string? value) => value is null ? default(FinishReason?) : new FinishReason(value);

    static FinishReason IExtensibleString<FinishReason>.Create(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(FinishReason other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FinishReason other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value;
}
