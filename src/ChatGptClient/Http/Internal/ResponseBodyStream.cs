using ChatGpt.Diagnostics.Internal;
using ChatGpt.Internal;

namespace ChatGpt.Http.Internal;

/// <summary>
/// A response body handed to the caller to read as it arrives (a file download, speech audio): owns the response and
/// the call's span, fails a read with a <see cref="ChatGptException"/> when the connection is cut or no byte arrives for
/// the idle timeout, and disposes the response (ending the span) when disposed.
/// </summary>
internal sealed class ResponseBodyStream : Stream
{
    private readonly HttpResponseMessage _response;
    private readonly Stream _inner;
    private readonly ResponseMetadata _metadata;
    private readonly ChatGptCallScope? _scope;
    private readonly TimeSpan _idleTimeout;
    private readonly StreamIdleTimeout _idle;
    private long _position;
    private bool _disposed;

    public ResponseBodyStream(HttpResponseMessage response, Stream inner, ResponseMetadata metadata, ChatGptCallScope? scope, TimeSpan idleTimeout, TimeProvider timeProvider)
    {
        _response = response;
        _inner = inner;
        _metadata = metadata;
        _scope = scope;
        _idleTimeout = idleTimeout;
        _idle = new StreamIdleTimeout(idleTimeout, timeProvider, CancellationToken.None);
    }

    /// <summary>What the response said about itself (status, headers, content type), for results that wrap the stream.</summary>
    public ResponseMetadata Metadata => _metadata;

    public override bool CanRead => !_disposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    /// <summary>The declared length, when the server sent one.</summary>
    public override long Length => _metadata.ContentLength ?? throw new NotSupportedException("The server did not declare the body's length.");

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _idle.MarkActivity();
        using var link = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _idle.Token) : null;
        try
        {
            var read = await _inner.ReadAsync(buffer, link?.Token ?? _idle.Token).ConfigureAwait(false);
            _idle.MarkActivity();
            _position += read;
            if (read == 0 && buffer.Length > 0)
            {
                _scope?.OnStreamEnded();
            }

            return read;
        }
        catch (OperationCanceledException ex) when (_idle.TimedOut(cancellationToken))
        {
            throw Fail(new ChatGptException($"The body was abandoned: no byte arrived for {_idleTimeout} (ChatGptOptions.Resilience.StreamIdleTimeout) after {_position} byte(s).", _metadata.StatusCode, requestId: _metadata.RequestId, innerException: new TimeoutException(ex.Message)));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw Fail(new ChatGptException($"The connection was cut after {_position} byte(s) of the body: {ex.Message}", _metadata.StatusCode, requestId: _metadata.RequestId, innerException: ex));
        }
        catch (OperationCanceledException ex)
        {
            _scope?.Fail(ex);
            throw;
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
        if (disposing && !_disposed)
        {
            _disposed = true;
            _idle.Dispose();
            _inner.Dispose();
            _response.Dispose();
            _scope?.End();
        }

        base.Dispose(disposing);
    }

    private ChatGptException Fail(ChatGptException exception)
    {
        _scope?.Fail(exception);
        return exception;
    }
}
