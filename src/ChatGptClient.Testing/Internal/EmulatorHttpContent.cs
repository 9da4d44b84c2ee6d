using System.IO.Pipelines;
using System.Net;

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
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0, useSynchronizationContext: false));
        var producerCancellation = CancellationTokenSource.CreateLinkedTokenSource(_requestAborted);
        _ = ProduceAsync(pipe.Writer, producerCancellation.Token);
        return Task.FromResult<Stream>(new ProducedStream(pipe.Reader.AsStream(), producerCancellation));
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

    private async Task ProduceAsync(PipeWriter writer, CancellationToken cancellationToken)
    {
        // Yield first so the caller gets the stream (and the headers) before the body is written.
        await Task.Yield();
        try
        {
            await _plan.WriteBodyAsync(writer.AsStream(leaveOpen: true), _timeProvider, cancellationToken).ConfigureAwait(false);
            await writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (ConnectionCutException cut)
        {
            await writer.CompleteAsync(ResponseEnded(cut)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await writer.CompleteAsync(cancellationToken.IsCancellationRequested ? new OperationCanceledException(cancellationToken) : ex).ConfigureAwait(false);
        }
    }

    /// <summary>The reading end; disposing it stops the producer (the reader went away, like closing a connection).</summary>
    private sealed class ProducedStream : Stream
    {
        private readonly Stream _inner;
        private readonly CancellationTokenSource _producerCancellation;
        private bool _disposed;

        public ProducedStream(Stream inner, CancellationTokenSource producerCancellation)
        {
            _inner = inner;
            _producerCancellation = producerCancellation;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _inner.ReadAsync(buffer, cancellationToken);

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
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
