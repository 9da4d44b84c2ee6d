using System.Text.Encodings.Web;
using System.Text.Json;
using ChatGpt.FineTuning.Internal;

namespace ChatGpt.FineTuning.TrainingData;

/// <summary>
/// Writes conversations as a chat fine-tuning file: one JSON object per line (<c>{"messages": [...], "tools": [...]}</c>),
/// UTF-8, each line flushed to the stream as it is written.
/// </summary>
public sealed class TrainingDataWriter : IAsyncDisposable, IDisposable
{
    private static ReadOnlySpan<byte> NewLine => "\n"u8;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly Utf8JsonWriter _writer;

    /// <summary>Creates a writer over a stream.</summary>
    /// <param name="stream">The stream written to.</param>
    /// <param name="leaveOpen">Whether disposing the writer leaves the stream open.</param>
    public TrainingDataWriter(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        // Text as it is (apostrophes, accents) rather than \u escapes: the file is read by people too, never embedded in HTML.
        _writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>How many examples were written.</summary>
    public long Count { get; private set; }

    /// <summary>Writes all examples to a file (created or overwritten).</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="examples">The examples.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>How many examples were written.</returns>
    public static async Task<long> WriteFileAsync(string path, IEnumerable<FineTuningExample> examples, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(examples);
        var writer = new TrainingDataWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous));
        await using (writer.ConfigureAwait(false))
        {
            foreach (var example in examples)
            {
                await writer.WriteAsync(example, cancellationToken).ConfigureAwait(false);
            }

            return writer.Count;
        }
    }

    /// <summary>Writes one example as one line.</summary>
    /// <param name="example">The example.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the line is in the stream.</returns>
    public async Task WriteAsync(FineTuningExample example, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(example);
        if (example.Messages is null || example.Messages.Count == 0)
        {
            throw new ArgumentException("A fine-tuning example needs at least one message.", nameof(example));
        }

        JsonSerializer.Serialize(_writer, example, FineTuningJsonContext.Default.FineTuningExample);
        await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        _writer.Reset();
        await _stream.WriteAsync(NewLine.ToArray(), cancellationToken).ConfigureAwait(false);
        Count++;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _stream.FlushAsync().ConfigureAwait(false);
        if (!_leaveOpen)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _writer.Dispose();
        _stream.Flush();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
