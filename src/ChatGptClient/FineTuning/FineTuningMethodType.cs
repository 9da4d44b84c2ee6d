using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.FineTuning;

/// <summary>The fine-tuning method (<c>method.type</c>): an extensible string value.</summary>
/// <remarks>New methods still round-trip.</remarks>
[JsonConverter(typeof(ExtensibleStringJsonConverter<FineTuningMethodType>))]
public readonly struct FineTuningMethodType : IEquatable<FineTuningMethodType>, IExtensibleString<FineTuningMethodType>
{
    /// <summary>Creates a value from its wire text.</summary>
    /// <param name="value">The wire text.</param>
    public FineTuningMethodType(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>Supervised fine-tuning on example conversations (<c>supervised</c>).</summary>
    public static FineTuningMethodType Supervised { get; } = new("supervised");

    /// <summary>Direct preference optimization on preferred and non-preferred answers (<c>dpo</c>).</summary>
    public static FineTuningMethodType Dpo { get; } = new("dpo");

    /// <summary>Reinforcement fine-tuning with a grader (<c>reinforcement</c>).</summary>
    public static FineTuningMethodType Reinforcement { get; } = new("reinforcement");

    /// <summary>The wire text.</summary>
    public string Value => field ?? string.Empty;

    /// <summary>Compares two values by their wire text, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(FineTuningMethodType left, FineTuningMethodType right) => left.Equals(right);

    /// <summary>Compares two values by their wire text, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(FineTuningMethodType left, FineTuningMethodType right) => !left.Equals(right);

    static string IExtensibleString<FineTuningMethodType>.FieldName => "type";

    static IReadOnlyList<FineTuningMethodType> IExtensibleString<FineTuningMethodType>.KnownValues { get; } = [Supervised, Dpo, Reinforcement];

    static FineTuningMethodType IExtensibleString<FineTuningMethodType>.Create(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(FineTuningMethodType other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FineTuningMethodType other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The wire text.</summary>
    /// <returns>The wire text.</returns>
    public override string ToString() => Value;
}
