using System.IO.Pipelines;

namespace ChatGpt.Testing.Internal;

/// <summary>The body of an in-memory request (<see cref="ChatGptEmulatorHandler"/>). Streamed, it is piped: the content
/// writes into a pipe with back-pressure while the endpoint reads the other end, so even an <see cref="HttpContent"/>
/// that can only serialize itself (no readable stream of its own) is never buffered whole.</summary>
internal sealed class HttpContentRequestBody : RequestBody
{
    // Few, large segments in flight: the shared array pool keeps only a handful of arrays per size, so a deep pipe of
    // small segments would allocate new ones for most of a large upload.
    private const int PauseWriterBytes = 128 * 1024;
    private const int SegmentBytes = 16 * 1024;

    private readonly HttpContent? _content;
    private CancellationTokenSource? _copyCancellation;
    private Task? _copy;

    public HttpContentRequestBody(HttpContent? content)
    {
        _content = content;
    }

    public override long? Length => _content is null ? 0 : _content.Headers.ContentLength;

    public override async ValueTask<byte[]> ReadAllAsync(long maxBytes, CancellationToken cancellationToken)
    {
        if (_content is null)
        {
            return [];
        }

        if (_content.Headers.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        try
        {
            await _content.LoadIntoBufferAsync(maxBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            throw TooLarge(maxBytes);
        }

        return await _content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    public override Stream OpenRead(CancellationToken cancellationToken)
    {
        if (_content is null)
        {
            return Stream.Null;
        }

        if (_copy is not null)
        {
            throw new InvalidOperationException("The request body was already opened.");
        }

        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: PauseWriterBytes, resumeWriterThreshold: PauseWriterBytes / 2, minimumSegmentSize: SegmentBytes, useSynchronizationContext: false));
        _copyCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _copy = CopyAsync(_content, pipe.Writer, _copyCancellation.Token);
        return pipe.Reader.AsStream();
    }

    public override async ValueTask DisposeAsync()
    {
        if (_copy is null)
        {
            return;
        }

        // The endpoint has answered: stop the copy of whatever it did not read.
        await _copyCancellation!.CancelAsync().ConfigureAwait(false);
        await _copy.ConfigureAwait(false);
        _copyCancellation.Dispose();
        _copy = null;
    }

    private static async Task CopyAsync(HttpContent content, PipeWriter writer, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await content.CopyToAsync(writer.AsStream(leaveOpen: true), cancellationToken).ConfigureAwait(false);
            await writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await writer.CompleteAsync(ex).ConfigureAwait(false);
        }
    }
}
