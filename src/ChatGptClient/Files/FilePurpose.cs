using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.Files;

/// <summary>What a file is for (<c>purpose</c>): an extensible string value.</summary>
/// <remarks>The API adds purposes over time; an unknown one still round-trips.</remarks>
[JsonConverter(typeof(ExtensibleStringJsonConverter<FilePurpose>))]
public readonly struct FilePurpose : IEquatable<FilePurpose>, IExtensibleString<FilePurpose>
{
    /// <summary>Creates a value from its wire text.</summary>
    /// <param name="value">The wire text.</param>
    public FilePurpose(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>Training and validation data for fine-tuning (<c>fine-tune</c>).</summary>
    public static FilePurpose FineTune { get; } = new("fine-tune");

    /// <summary>Input of the Batch API (<c>batch</c>).</summary>
    public static FilePurpose Batch { get; } = new("batch");

    /// <summary>Documents for the Assistants API (<c>assistants</c>).</summary>
    public static FilePurpose Assistants { get; } = new("assistants");

    /// <summary>Images for vision fine-tuning (<c>vision</c>).</summary>
    public static FilePurpose Vision { get; } = new("vision");

    /// <summary>Files for any purpose (<c>user_data</c>).</summary>
    public static FilePurpose UserData { get; } = new("user_data");

    /// <summary>Data sets of evals (<c>evals</c>).</summary>
    public static FilePurpose Evals { get; } = new("evals");

    /// <summary>Results written by a fine-tuning job (output only) (<c>fine-tune-results</c>).</summary>
    public static FilePurpose FineTuneResults { get; } = new("fine-tune-results");

    /// <summary>Results written by a batch (output only) (<c>batch_output</c>).</summary>
    public static FilePurpose BatchOutput { get; } = new("batch_output");

    /// <summary>Files written by an assistant (output only) (<c>assistants_output</c>).</summary>
    public static FilePurpose AssistantsOutput { get; } = new("assistants_output");

    /// <summary>The wire text.</summary>
    public string Value => field ?? string.Empty;

    /// <summary>Compares two values by their wire text, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(FilePurpose left, FilePurpose right) => left.Equals(right);

    /// <summary>Compares two values by their wire text, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(FilePurpose left, FilePurpose right) => !left.Equals(right);

    static string IExtensibleString<FilePurpose>.FieldName => "purpose";

    static IReadOnlyList<FilePurpose> IExtensibleString<FilePurpose>.KnownValues { get; } = [FineTune, Batch, Assistants, Vision, UserData, Evals, FineTuneResults, BatchOutput, AssistantsOutput];

    static FilePurpose IExtensibleString<FilePurpose>.Create(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(FilePurpose other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FilePurpose other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The wire text.</summary>
    /// <returns>The wire text.</returns>
    public override string ToString() => Value;
}
