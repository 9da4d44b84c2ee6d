using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.Chat;

/// <summary>The processing tier of a chat completion: an extensible string value (<c>auto</c>, <c>default</c>, <c>flex</c>, ...).</summary>
/// <remarks>Sent in <see cref="ChatCompletionRequest.ServiceTier"/> and reported in <see cref="ChatCompletion.ServiceTier"/>, which may differ from the one asked for. A struct over a string so that tiers the API adds later still round-trip; a string converts to it implicitly.</remarks>
[JsonConverter(typeof(ExtensibleStringJsonConverter<ChatServiceTier>))]
public readonly struct ChatServiceTier : IEquatable<ChatServiceTier>, IExtensibleString<ChatServiceTier>
{
    /// <summary>Creates a service tier from its wire value.</summary>
    /// <param name="value">The wire value, e.g. <c>flex</c>.</param>
    public ChatServiceTier(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>The tier configured in the project's settings, <c>default</c> unless set otherwise (<c>auto</c>).</summary>
    public static ChatServiceTier Auto { get; } = new("auto");

    /// <summary>Standard pricing and performance (<c>default</c>).</summary>
    public static ChatServiceTier Default { get; } = new("default");

    /// <summary>Flex processing: cheaper, slower, may be unavailable at times (<c>flex</c>).</summary>
    public static ChatServiceTier Flex { get; } = new("flex");

    /// <summary>Scale tier capacity (<c>scale</c>).</summary>
    public static ChatServiceTier Scale { get; } = new("scale");

    /// <summary>Priority processing (<c>priority</c>).</summary>
    public static ChatServiceTier Priority { get; } = new("priority");

    /// <summary>Fast mode, asked for at request level; the response reports <see cref="Priority"/> (<c>fast</c>).</summary>
    public static ChatServiceTier Fast { get; } = new("fast");

    /// <summary>The wire value.</summary>
    public string Value => field ?? string.Empty;

    static string IExtensibleString<ChatServiceTier>.FieldName => "service_tier";

    static IReadOnlyList<ChatServiceTier> IExtensibleString<ChatServiceTier>.KnownValues { get; } = [Auto, Default, Flex, Scale, Priority, Fast];

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same service tier.</returns>
    public static bool operator ==(ChatServiceTier left, ChatServiceTier right) => left.Equals(right);

    /// <summary>Compares two values by their wire strings, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are different.</returns>
    public static bool operator !=(ChatServiceTier left, ChatServiceTier right) => !left.Equals(right);

    /// <summary>
    /// Wraps a wire string, <see langword="null"/> staying <see langword="null"/>, so that code written when the property
    /// was a string (<c>== "..."</c>, <c>= "..."</c>) still compiles.
    /// </summary>
    /// <remarks>Only to the nullable type: a conversion to <see cref="ChatServiceTier"/> itself would turn a <see langword="null"/> in
    /// <c>condition ? value : null</c> into a call that throws.</remarks>
    /// <param name="value">The wire value, or <see langword="null"/>.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public static implicit operator ChatServiceTier?(string? value) => value is null ? default(ChatServiceTier?) : new ChatServiceTier(value);

    static ChatServiceTier IExtensibleString<ChatServiceTier>.Create(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(ChatServiceTier other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ChatServiceTier other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value;
}
