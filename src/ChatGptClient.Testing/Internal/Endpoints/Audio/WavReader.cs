using System.Buffers.Binary;
using System.Text;

namespace ChatGpt.Testing.Internal;

/// <summary>
/// Reads a WAV file's header as it streams past, without holding the audio: the <c>fmt </c> chunk (byte rate), the size of
/// the <c>data</c> chunk (so the duration), and the <c>LIST</c>/<c>INFO</c> <c>ICMT</c> comment, the emulator's source of a
/// deterministic transcript. Audio bytes are read and dropped.
/// </summary>
internal static class WavReader
{
    private const int MaxListChunk = 64 * 1024;

    /// <summary>Reads <paramref name="stream"/> to its end and describes it.</summary>
    /// <param name="stream">The uploaded file.</param>
    /// <param name="extension">The file name's extension, for the estimate of a format the emulator does not decode.</param>
    /// <param name="maxBytes">The most it reads; past it, <see cref="FileTooLargeException"/>.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public static async Task<WavInfo> ReadAsync(Stream stream, string extension, long maxBytes, CancellationToken cancellationToken)
    {
        var counting = new CountingReader(stream, maxBytes);
        var header = new byte[12];
        var got = await counting.ReadAtLeastAsync(header, cancellationToken).ConfigureAwait(false);
        if (got < 12 || !header.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !header.AsSpan(8, 4).SequenceEqual("WAVE"u8))
        {
            await counting.DrainAsync(cancellationToken).ConfigureAwait(false);
            return new WavInfo(false, Estimate(counting.Total, extension), null, counting.Total);
        }

        var byteRate = 0;
        long dataBytes = 0;
        string? comment = null;
        var chunkHeader = new byte[8];
        while (await counting.ReadAtLeastAsync(chunkHeader, cancellationToken).ConfigureAwait(false) == 8)
        {
            var id = Encoding.ASCII.GetString(chunkHeader, 0, 4);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader.AsSpan(4));
            var padded = size + (size & 1);
            if (id == "fmt " && size is >= 16 and <= 1024)
            {
                var fmt = new byte[padded];
                await counting.ReadAtLeastAsync(fmt, cancellationToken).ConfigureAwait(false);
                byteRate = BinaryPrimitives.ReadInt32LittleEndian(fmt.AsSpan(8));
            }
            else if (id == "LIST" && size is >= 4 and <= MaxListChunk)
            {
                var list = new byte[padded];
                await counting.ReadAtLeastAsync(list, cancellationToken).ConfigureAwait(false);
                comment ??= ReadComment(list.AsSpan(0, (int)size));
            }
            else
            {
                if (id == "data")
                {
                    // A streamed WAV may say 0 or 0xFFFFFFFF here: count what actually follows instead.
                    var before = counting.Total;
                    await counting.SkipAsync(size is 0 or uint.MaxValue ? long.MaxValue : padded, cancellationToken).ConfigureAwait(false);
                    dataBytes += Math.Min(size is 0 or uint.MaxValue ? long.MaxValue : size, counting.Total - before);
                }
                else
                {
                    await counting.SkipAsync(padded, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        var duration = byteRate > 0 ? TimeSpan.FromSeconds((double)dataBytes / byteRate) : Estimate(counting.Total, extension);
        return new WavInfo(byteRate > 0, duration, comment, counting.Total);
    }

    /// <summary>The <c>ICMT</c> sub-chunk of a <c>LIST</c> chunk of type <c>INFO</c>.</summary>
    private static string? ReadComment(ReadOnlySpan<byte> list)
    {
        if (!list[..4].SequenceEqual("INFO"u8))
        {
            return null;
        }

        var position = 4;
        while (position + 8 <= list.Length)
        {
            var id = list.Slice(position, 4);
            var size = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(list.Slice(position + 4, 4)), (uint)(list.Length - position - 8));
            if (id.SequenceEqual("ICMT"u8))
            {
                var text = Encoding.UTF8.GetString(list.Slice(position + 8, size)).TrimEnd('\0').Trim();
                return text.Length == 0 ? null : text;
            }

            position += 8 + size + (size & 1);
        }

        return null;
    }

    /// <summary>A duration for a format the emulator does not decode: the size at a typical bit rate for the format.</summary>
    private static TimeSpan Estimate(long bytes, string extension)
    {
        var bytesPerSecond = extension switch
        {
            "flac" => 88_000,
            "wav" => 32_000,
            "ogg" or "webm" or "opus" => 8_000,
            _ => 16_000, // mp3, m4a, mp4, mpeg, mpga at 128 kbit/s
        };
        return TimeSpan.FromSeconds(Math.Round((double)bytes / bytesPerSecond, 2));
    }

    private sealed class CountingReader(Stream inner, long maxBytes)
    {
        private readonly byte[] _skip = new byte[16 * 1024];

        public long Total { get; private set; }

        public async Task<int> ReadAtLeastAsync(byte[] buffer, CancellationToken cancellationToken)
        {
            var read = await inner.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            Count(read);
            return read;
        }

        public async Task SkipAsync(long bytes, CancellationToken cancellationToken)
        {
            while (bytes > 0)
            {
                var read = await inner.ReadAsync(_skip.AsMemory(0, (int)Math.Min(_skip.Length, bytes)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                Count(read);
                bytes -= read;
            }
        }

        public Task DrainAsync(CancellationToken cancellationToken) => SkipAsync(long.MaxValue, cancellationToken);

        private void Count(int read)
        {
            Total += read;
            if (Total > maxBytes)
            {
                throw new FileTooLargeException(Total);
            }
        }
    }
}
