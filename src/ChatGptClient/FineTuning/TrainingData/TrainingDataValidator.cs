using ChatGpt.FineTuning.Internal;

namespace ChatGpt.FineTuning.TrainingData;

/// <summary>
/// Checks a chat fine-tuning file (JSONL) the way the API will, before it is uploaded: each line's shape, with its line
/// number, and the file's statistics (examples, tokens per example counted with the model's tokenizer, default epochs,
/// billed tokens, estimated cost).
/// </summary>
/// <remarks>The file is streamed line by line: memory stays bounded by the longest line, two batches of examples (up
/// to 1 MB of their text each), a word cache per counting thread, and four bytes per example (kept for the median).
/// Tokens are counted beside the parsing, on the thread pool. The rules follow OpenAI's data preparation guide for chat
/// fine-tuning.</remarks>
public static class TrainingDataValidator
{
    /// <summary>Validates a JSONL stream from its current position to its end.</summary>
    /// <param name="jsonl">The file's bytes (UTF-8). It is read, not disposed.</param>
    /// <param name="options">The model, limits and price; the defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The report.</returns>
    public static async Task<TrainingDataReport> ValidateAsync(Stream jsonl, TrainingDataValidationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jsonl);
        options ??= new TrainingDataValidationOptions();
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Model, nameof(options));

        var scan = new TrainingDataScan(options);
        await foreach (var line in JsonLineReader.ReadAsync(jsonl, TrainingDataDefaults.MaxLineBytes, cancellationToken).ConfigureAwait(false))
        {
            scan.Add(line);
        }

        return scan.Finish();
    }

    /// <summary>Validates a JSONL file on disk.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="options">The model, limits and price; the defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The report.</returns>
    public static async Task<TrainingDataReport> ValidateFileAsync(string path, TrainingDataValidationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (file.ConfigureAwait(false))
        {
            return await ValidateAsync(file, options, cancellationToken).ConfigureAwait(false);
        }
    }
}
