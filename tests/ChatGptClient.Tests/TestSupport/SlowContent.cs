using System.Net;
using System.Text;

namespace ChatGpt.Tests.TestSupport;

/// <summary>
/// Response content that hands out its bytes in small, odd-sized reads (as TCP does), can stall forever at a given
/// offset, can fail with an IOException at the end (a cut connection), and records whether it was disposed.
/// </summary>
internal sealed class SlowContent : HttpContent
{
    private readonly byte[] _bytes;
    private readonly int[] _splits;
    private readonly int? _stallAt;
    private readonly bool _failAtEnd;

    public SlowContent(string body, int[]? splits = null, int? stallAt = null, bool failAtEnd = false)
    {
        _bytes = Encoding.UTF8.GetBytes(body);
        _splits = splits ?? [1, 7, 3, 13, 2, 29, 5];
        _stallAt = stallAt;
        _failAtEnd = failAtEnd;
        Headers.TryAddWithoutValidation("Content-Type", "text/event-stream");
    }

    public bool Disposed { get; private set; }

    public TaskCompletionSource StreamOpened { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed when a read reaches the stall point: every byte before it has been read (and marked as activity
    /// by an idle timeout), so a fake clock advanced after this cannot race the reads.</summary>
    public TaskCompletionSource Stalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => throw new NotSupportedException();

    protected override Task<Stream> CreateContentReadStreamAsync()
    {
        StreamOpened.TrySetResult();
        return Task.FromResult<Stream>(new SlowStream(this));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }

    private sealed class SlowStream(SlowContent owner) : Stream
    {
        private int _position;
        private int _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (owner._stallAt is { } stall && _position >= stall)
            {
                owner.Stalled.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            if (_position >= owner._bytes.Length)
            {
                if (owner._failAtEnd)
                {
                    throw new IOException("The connection was reset by the peer.");
                }

                return 0;
            }

            var size = owner._splits[_read++ % owner._splits.Length];
            if (owner._stallAt is { } limit)
            {
                size = Math.Min(size, Math.Max(1, limit - _position));
            }

            size = Math.Min(Math.Min(size, buffer.Length), owner._bytes.Length - _position);
            owner._bytes.AsMemory(_position, size).CopyTo(buffer);
            _position += size;
            await Task.Yield();
            return size;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
