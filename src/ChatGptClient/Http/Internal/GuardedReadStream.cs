using ChatGpt.Internal;

namespace ChatGpt.Http.Internal;

/// <summary>
/// A response body read through the client's limits: counts the bytes and fails as soon as a limit is passed (while
/// reading, never after buffering it all), and marks the idle timeout active on each read.
/// </summary>
/// <remarks>
/// For a stream of events the count restarts at each event (<see cref="RestartCount"/>), so the limit is on one event;
/// the count may run ahead of the event by one read's worth, as the parser reads in blocks.
/// </remarks>
internal sealed class GuardedReadStream : Stream
{
    private readonly Stream _inner;
    private readonly long _maxBytes;
    private readonly Func<ResponseMetadata, long, ChatGptException> _tooLarge;
    private readonly ResponseMetadata _metadata;
    private readonly StreamIdleTimeout? _idle;
    private long _count;

    /// <param name="inner">The body.</param>
    /// <param name="maxBytes">The most bytes allowed (in all, or per event after each <see cref="RestartCount"/>).</param>
    /// <param name="tooLarge">Builds the error, given the response's reading and the limit (static: no closure per call).</param>
    /// <param name="metadata">The response's reading, for the error.</param>
    /// <param name="idle">The idle timeout to mark active on each read, if any.</param>
    public GuardedReadStream(Stream inner, long maxBytes, Func<ResponseMetadata, long, ChatGptException> tooLarge, ResponseMetadata metadata, StreamIdleTimeout? idle)
    {
        _inner = inner;
        _maxBytes = maxBytes;
        _tooLarge = tooLarge;
        _metadata = metadata;
        _idle = idle;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Starts counting again: called at each event of a stream.</summary>
    public void RestartCount() => _count = 0;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        _idle?.BeginWait();
        try
        {
            return Counted(_inner.Read(buffer));
        }
        finally
        {
            _idle?.EndWait();
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // Bytes already there (a buffered body, a read-ahead) need no state machine.
        _idle?.BeginWait();
        ValueTask<int> pending;
        try
        {
            pending = _inner.ReadAsync(buffer, cancellationToken);
        }
        catch
        {
            _idle?.EndWait();
            throw;
        }

        if (!pending.IsCompletedSuccessfully)
        {
            return WaitAsync(pending);
        }

        _idle?.EndWait();
        return new(Counted(pending.Result));
    }

    private async ValueTask<int> WaitAsync(ValueTask<int> pending)
    {
        try
        {
            return Counted(await pending.ConfigureAwait(false));
        }
        finally
        {
            _idle?.EndWait();
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private int Counted(int read)
    {
        _count += read;
        if (_count > _maxBytes)
        {
            throw _tooLarge(_metadata, _maxBytes);
        }

        return read;
    }
}
