using System.Net;
using System.Threading.Channels;

namespace ChatGpt.Testing.Internal;

/// <summary>
/// The body of an in-memory response. Read as a stream (<see cref="HttpCompletionOption.ResponseHeadersRead"/>), it is
/// produced while it is read, so stream events, delays and cuts reach the reader in order; read buffered, it is written
/// whole. A scripted cut surfaces as <see cref="HttpIOException"/> (<see cref="HttpRequestError.ResponseEnded"/>), what
/// <see cref="SocketsHttpHandler"/> throws when a server drops the connection.
/// </summary>
internal sealed class EmulatorHttpContent : HttpContent
{
    private readonly ResponsePlan _plan;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationToken _requestAborted;

    public EmulatorHttpContent(ResponsePlan plan, TimeProvider timeProvider, CancellationToken requestAborted)
    {
        _plan = plan;
        _timeProvider = timeProvider;
        _requestAborted = requestAborted;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _requestAborted);
        try
        {
            await _plan.WriteBodyAsync(stream, _timeProvider, linked.Token).ConfigureAwait(false);
        }
        catch (ConnectionCutException cut)
        {
            throw ResponseEnded(cut);
        }
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken)
    {
        var producerCancellation = CancellationTokenSource.CreateLinkedTokenSource(_requestAborted);
        var stream = new ProducedStream(producerCancellation);
        _ = ProduceAsync(stream.Writer, producerCancellation.Token);
        return Task.FromResult<Stream>(stream);
    }

    protected override bool TryComputeLength(out long length)
    {
        if (_plan.ContentLength is long known && _plan.CutAfterChunks is null)
        {
            length = known;
            return true;
        }

        length = 0;
        return false;
    }

    private static HttpIOException ResponseEnded(Exception cause) =>
        new(HttpRequestError.ResponseEnded, "The response ended prematurely. (The ChatGptClient emulator dropped the connection as scripted.)", cause);

    private async Task ProduceAsync(ChannelWriter<byte[]> writer, CancellationToken cancellationToken)
    {
        // Yield first so the caller gets the stream (and the headers) before the body is written.
        await Task.Yield();
        try
        {
            await _plan.WriteBodyAsync(new ChannelWriteStream(writer), _timeProvider, cancellationToken).ConfigureAwait(false);
            writer.TryComplete();
        }
        catch (ConnectionCutException cut)
        {
            writer.TryComplete(ResponseEnded(cut));
        }
        catch (Exception ex)
        {
            writer.TryComplete(cancellationToken.IsCancellationRequested ? new OperationCanceledException(cancellationToken) : ex);
        }
    }

    /// <summary>The reading end. Unlike a pipe, it hands out every byte written before it reports the producer's error,
    /// as a socket does with the data received before a connection reset. Disposing it stops the producer.</summary>
    private sealed class ProducedStream : Stream
    {
        // Bounded: a producer of a large body (file content, audio) waits for the reader instead of queueing it all.
        private readonly Channel<byte[]> _channel = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(16) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        private readonly CancellationTokenSource _producerCancellation;
        private ReadOnlyMemory<byte> _current;
        private bool _disposed;

        public ProducedStream(CancellationTokenSource producerCancellation)
        {
            _producerCancellation = producerCancellation;
        }

        public ChannelWriter<byte[]> Writer => _channel.Writer;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (buffer.IsEmpty)
            {
                return 0;
            }

            while (_current.IsEmpty)
            {
                // Throws the producer's error once every segment before it was read.
                if (!await _channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return 0;
                }

                if (_channel.Reader.TryRead(out var segment))
                {
                    _current = segment;
                }
            }

            var count = Math.Min(buffer.Length, _current.Length);
            _current[..count].CopyTo(buffer);
            _current = _current[count..];
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_disposed)
            {
                _disposed = true;
                _producerCancellation.Cancel();
                _producerCancellation.Dispose();
                _channel.Writer.TryComplete();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>The writing end: each write becomes one segment for the reader.</summary>
    private sealed class ChannelWriteStream : Stream
    {
        private readonly ChannelWriter<byte[]> _writer;

        public ChannelWriteStream(ChannelWriter<byte[]> writer)
        {
            _writer = writer;
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer) => WriteAsync(buffer.ToArray()).AsTask().GetAwaiter().GetResult();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (buffer.IsEmpty)
            {
                return;
            }

            try
            {
                await _writer.WriteAsync(buffer.ToArray(), cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException)
            {
                // The reader went away (disposed the stream): drop the data, as a socket to a closed peer would.
            }
        }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
