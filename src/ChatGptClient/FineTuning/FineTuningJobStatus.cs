using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.FineTuning;

/// <summary>The state of a fine-tuning job (<c>status</c>): an extensible string value.</summary>
/// <remarks>A job is over when it has <see cref="Succeeded"/>, <see cref="Failed"/> or been <see cref="Cancelled"/> (see <see cref="IsTerminal"/>).</remarks>
[JsonConverter(typeof(ExtensibleStringJsonConverter<FineTuningJobStatus>))]
public readonly struct FineTuningJobStatus : IEquatable<FineTuningJobStatus>, IExtensibleString<FineTuningJobStatus>
{
    /// <summary>Creates a value from its wire text.</summary>
    /// <param name="value">The wire text.</param>
    public FineTuningJobStatus(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>The training and validation files are being checked (<c>validating_files</c>).</summary>
    public static FineTuningJobStatus ValidatingFiles { get; } = new("validating_files");

    /// <summary>Waiting for capacity (<c>queued</c>).</summary>
    public static FineTuningJobStatus Queued { get; } = new("queued");

    /// <summary>Training (<c>running</c>).</summary>
    public static FineTuningJobStatus Running { get; } = new("running");

    /// <summary>Paused by a pause request; resume it to go on (<c>paused</c>).</summary>
    public static FineTuningJobStatus Paused { get; } = new("paused");

    /// <summary>Done: the fine-tuned model is ready (<c>succeeded</c>).</summary>
    public static FineTuningJobStatus Succeeded { get; } = new("succeeded");

    /// <summary>Stopped by an error, described in the job's <c>error</c> (<c>failed</c>).</summary>
    public static FineTuningJobStatus Failed { get; } = new("failed");

    /// <summary>Cancelled by a cancel request (<c>cancelled</c>).</summary>
    public static FineTuningJobStatus Cancelled { get; } = new("cancelled");

    /// <summary>Whether the job is over: succeeded, failed or cancelled.</summary>
    public bool IsTerminal => this == Succeeded || this == Failed || this == Cancelled;

    /// <summary>The wire text.</summary>
    public string Value => field ?? string.Empty;

    /// <summary>Compares two values by their wire text, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(FineTuningJobStatus left, FineTuningJobStatus right) => left.Equals(right);

    /// <summary>Compares two values by their wire text, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(FineTuningJobStatus left, FineTuningJobStatus right) => !left.Equals(right);

    static string IExtensibleString<FineTuningJobStatus>.FieldName => "status";

    static IReadOnlyList<FineTuningJobStatus> IExtensibleString<FineTuningJobStatus>.KnownValues { get; } = [ValidatingFiles, Queued, Running, Paused, Succeeded, Failed, Cancelled];

    static FineTuningJobStatus IExtensibleString<FineTuningJobStatus>.Create(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(FineTuningJobStatus other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FineTuningJobStatus other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The wire text.</summary>
    /// <returns>The wire text.</returns>
    public override string ToString() => Value;
}
