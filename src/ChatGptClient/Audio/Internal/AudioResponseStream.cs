namespace ChatGpt.Audio.Internal;

/// <summary>
/// The body of a speech response as it arrives: reads pass straight to the connection's stream (no buffering, so the
/// first bytes are readable as soon as they come), a cut connection surfaces as a <see cref="ChatGptException"/>, and
/// disposing it releases the response.
/// </summary>
internal sealed class AudioResponseStream : Stream
{
    private readonly Stream _inner;
    private readonly HttpResponseMessage _response;
    private readonly string? _requestId;
    private long _read;

    public AudioResponseStream(Stream inner, HttpResponseMessage response, string? requestId)
    {
        _inner = inner;
        _response = response;
        _requestId = requestId;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("The audio is read as it arrives; its length is not known.");

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException("The audio is read as it arrives and cannot seek.");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            var read = _inner.Read(buffer);
            _read += read;
            return read;
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw Cut(ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            _read += read;
            return read;
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw Cut(ex);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("The audio is read as it arrives and cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _response.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        _response.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private ChatGptException Cut(Exception inner) =>
        new($"The connection was cut after {_read:N0} byte(s) of audio: {inner.Message}. The audio is incomplete.{(_requestId is null ? string.Empty : $" (request id {_requestId})")}", System.Net.HttpStatusCode.OK, requestId: _requestId, innerException: inner);
}
