using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.Chat;

/// <summary>The author of a chat message: an extensible string value (<c>system</c>, <c>user</c>, <c>assistant</c>, ...).</summary>
/// <remarks>A struct over a string so that roles a server adds later still round-trip.</remarks>
[JsonConverter(typeof(ChatRoleJsonConverter))]
public readonly struct ChatRole : IEquatable<ChatRole>
{
    /// <summary>Creates a role from its wire value.</summary>
    /// <param name="value">The wire value, e.g. <c>user</c>.</param>
    public ChatRole(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>Instructions from the application (<c>system</c>).</summary>
    public static ChatRole System { get; } = new("system");

    /// <summary>Instructions from the developer, which reasoning models prefer to <see cref="System"/> (<c>developer</c>).</summary>
    public static ChatRole Developer { get; } = new("developer");

    /// <summary>The end user (<c>user</c>).</summary>
    public static ChatRole User { get; } = new("user");

    /// <summary>The model (<c>assistant</c>).</summary>
    public static ChatRole Assistant { get; } = new("assistant");

    /// <summary>The result of a tool call (<c>tool</c>).</summary>
    public static ChatRole Tool { get; } = new("tool");

    /// <summary>The result of a legacy function call (<c>function</c>, deprecated by the API in favour of <see cref="Tool"/>).</summary>
    public static ChatRole Function { get; } = new("function");

    /// <summary>The wire value.</summary>
    public string Value => field ?? string.Empty;

    /// <summary>Compares two roles by their wire values, ignoring case.</summary>
    /// <param name="left">The first role.</param>
    /// <param name="right">The second role.</param>
    /// <returns>Whether they are the same role.</returns>
    public static bool operator ==(ChatRole left, ChatRole right) => left.Equals(right);

    /// <summary>Compares two roles by their wire values, ignoring case.</summary>
    /// <param name="left">The first role.</param>
    /// <param name="right">The second role.</param>
    /// <returns>Whether they are different roles.</returns>
    public static bool operator !=(ChatRole left, ChatRole right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(ChatRole other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ChatRole other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value;
}
