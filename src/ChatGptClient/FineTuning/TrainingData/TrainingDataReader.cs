using System.Runtime.CompilerServices;
using System.Text.Json;
using ChatGpt.FineTuning.Internal;

namespace ChatGpt.FineTuning.TrainingData;

/// <summary>Reads a chat fine-tuning file (JSONL) back into <see cref="FineTuningExample"/>s, one line at a time.</summary>
public static class TrainingDataReader
{
    /// <summary>Reads the examples of a JSONL stream, skipping blank lines.</summary>
    /// <param name="jsonl">The stream; read, not disposed.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The examples, in order.</returns>
    /// <exception cref="InvalidDataException">A line is not a valid example; the message has its line number.</exception>
    public static async IAsyncEnumerable<FineTuningExample> ReadAsync(Stream jsonl, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jsonl);
        await foreach (var line in JsonLineReader.ReadAsync(jsonl, TrainingDataDefaults.MaxLineBytes, cancellationToken).ConfigureAwait(false))
        {
            yield return Parse(line);
        }
    }

    /// <summary>Reads the examples of a JSONL file.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The examples, in order.</returns>
    /// <exception cref="InvalidDataException">A line is not a valid example; the message has its line number.</exception>
    public static async IAsyncEnumerable<FineTuningExample> ReadFileAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (file.ConfigureAwait(false))
        {
            await foreach (var example in ReadAsync(file, cancellationToken).ConfigureAwait(false))
            {
                yield return example;
            }
        }
    }

    private static FineTuningExample Parse(JsonLineReader.Line line)
    {
        if (line.TooLong)
        {
            throw new InvalidDataException($"Line {line.Number} is longer than {TrainingDataDefaults.MaxLineBytes} bytes.");
        }

        try
        {
            var example = JsonSerializer.Deserialize(line.Bytes.Span, FineTuningJsonContext.Default.FineTuningExample);
            return example is { Messages.Count: > 0 } ? example : throw new InvalidDataException($"Line {line.Number} has no messages.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Line {line.Number} is not a valid fine-tuning example: {ex.Message}", ex);
        }
    }
}
