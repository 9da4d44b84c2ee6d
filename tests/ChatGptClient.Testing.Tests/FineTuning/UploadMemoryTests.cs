using ChatGpt.Files;
using ChatGpt.Http.Uploads;
using ChatGpt.Testing.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace ChatGpt.Testing.Tests.FineTuning;

[Collection(SerialCollection.Name)]
public sealed class UploadMemoryTests
{
    [Fact]
    public async Task Upload200Megabytes_ThroughTheClientToTheInMemoryEmulator_AllocatesUnder32Megabytes()
    {
        // The bound: a 200 MB upload must not raise peak memory by more than 32 MB. Everything allocated on both
        // sides (client, multipart framing, the emulator's pipe and multipart reader) bounds what it can add to the peak;
        // a client or emulator that buffered the file would allocate at least its 200 MB.
        const long Size = 200L * 1024 * 1024;
        var emulator = new ChatGptEmulator();
        using var http = emulator.CreateHttpClient();
        var files = new ChatGptFilesClient(http, Options.Create(new ChatGptOptions { ApiKey = "sk-emulator", BaseAddress = http.BaseAddress! }));
        await files.UploadFileAsync(UploadSource.FromStream(new ZeroStream(1024 * 1024), "warm.bin"), FilePurpose.Batch); // JIT, pools

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var file = await files.UploadFileAsync(UploadSource.FromStream(new ZeroStream(Size), "big.bin"), FilePurpose.Batch);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(Size, file.Bytes);
        Assert.True(allocated < 32L * 1024 * 1024, $"Uploading 200 MB allocated {allocated:N0} bytes.");
    }

    /// <summary>A seekable stream of zeros that holds none of them.</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => _position = value; }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - _position);
            buffer[..n].Clear();
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override long Seek(long offset, SeekOrigin origin) => _position = origin switch { SeekOrigin.Begin => offset, SeekOrigin.Current => _position + offset, _ => length + offset };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
