using System.Globalization;
using System.Text.Json.Serialization;
using ChatGpt.FineTuning.Internal;

namespace ChatGpt.FineTuning;

/// <summary>A hyperparameter that is either <c>"auto"</c> (the API picks it from the data) or a number.</summary>
[JsonConverter(typeof(FineTuningParameterJsonConverter))]
public readonly struct FineTuningParameter : IEquatable<FineTuningParameter>
{
    private FineTuningParameter(double? value) => Value = value;

    /// <summary><c>"auto"</c>: the API chooses the value.</summary>
    public static FineTuningParameter Auto => default;

    /// <summary>Whether the API chooses the value.</summary>
    public bool IsAuto => Value is null;

    /// <summary>The number, or <see langword="null"/> for <see cref="Auto"/>.</summary>
    public double? Value { get; }

    /// <summary>A fixed number.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The parameter.</returns>
    public static FineTuningParameter FromNumber(double value) =>
        double.IsFinite(value) ? new(value) : throw new ArgumentOutOfRangeException(nameof(value), value, "A hyperparameter must be a finite number.");

    /// <summary>A fixed integer (batch size, epochs).</summary>
    /// <param name="value">The number.</param>
    public static implicit operator FineTuningParameter(int value) => new(value);

    /// <summary>A fixed number (learning rate multiplier, beta).</summary>
    /// <param name="value">The number.</param>
    public static implicit operator FineTuningParameter(double value) => FromNumber(value);

    /// <summary>Compares two parameters.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(FineTuningParameter left, FineTuningParameter right) => left.Equals(right);

    /// <summary>Compares two parameters.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(FineTuningParameter left, FineTuningParameter right) => !left.Equals(right);

    /// <summary>A fixed integer.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The parameter.</returns>
    public static FineTuningParameter FromInt32(int value) => value;

    /// <summary>A fixed number.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The parameter.</returns>
    public static FineTuningParameter FromDouble(double value) => value;

    /// <inheritdoc/>
    public bool Equals(FineTuningParameter other) => Value == other.Value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FineTuningParameter other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary><c>auto</c> or the number.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "auto";
}
