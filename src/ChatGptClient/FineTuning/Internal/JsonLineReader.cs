using System.Buffers;
using System.Runtime.CompilerServices;

namespace ChatGpt.FineTuning.Internal;

/// <summary>
/// Reads a JSONL stream line by line through one pooled buffer that grows only to the longest line (at most
/// <see cref="TrainingDataDefaults.MaxLineBytes"/>): a file of any size is read in bounded memory.
/// </summary>
internal static class JsonLineReader
{
    private const int InitialBuffer = 64 * 1024;

    /// <summary>A line: its 1-based number and bytes (without the line break), valid until the next line is read.
    /// <see cref="TooLong"/> lines were skipped to their end and carry no bytes.</summary>
    public readonly record struct Line(long Number, ReadOnlyMemory<byte> Bytes, bool TooLong);

    /// <summary>Yields the lines that are not blank, in order.</summary>
    public static async IAsyncEnumerable<Line> ReadAsync(Stream stream, int maxLineBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        try
        {
            int start = 0, end = 0;
            long number = 0;
            var skipping = false; // inside a line longer than the limit: drop bytes until its end
            var eof = false;
            while (true)
            {
                var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    number++;
                    var lineEnd = start + newline;
                    var line = buffer.AsMemory(start, lineEnd - start);
                    start = lineEnd + 1;
                    if (skipping)
                    {
                        skipping = false;
                        yield return new Line(number, default, TooLong: true);
                    }
                    else if (!IsBlank(line.Span))
                    {
                        yield return new Line(number, TrimCarriageReturn(line), TooLong: false);
                    }

                    continue;
                }

                if (eof)
                {
                    if (start < end || skipping)
                    {
                        number++;
                        var rest = buffer.AsMemory(start, end - start);
                        if (skipping)
                        {
                            yield return new Line(number, default, TooLong: true);
                        }
                        else if (!IsBlank(rest.Span))
                        {
                            yield return new Line(number, TrimCarriageReturn(rest), TooLong: false);
                        }
                    }

                    yield break;
                }

                // No line break in the buffered bytes: make room and read more.
                if (skipping)
                {
                    start = end = 0;
                }
                else if (start > 0)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    start = 0;
                }
                else if (end == buffer.Length)
                {
                    if (buffer.Length >= maxLineBytes)
                    {
                        skipping = true;
                        start = end = 0;
                    }
                    else
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(maxLineBytes, buffer.Length * 2));
                        buffer.AsSpan(0, end).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                }

                var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    eof = true;
                }

                end += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t\r"u8).IsEmpty;

    private static ReadOnlyMemory<byte> TrimCarriageReturn(ReadOnlyMemory<byte> line) =>
        line.Length > 0 && line.Span[^1] == (byte)'\r' ? line[..^1] : line;
}
