using System.Buffers;
using System.Net;

namespace ChatGpt.Http.Uploads.Internal;

/// <summary>
/// The bytes of an <see cref="UploadSource"/> (or one range of them, for a part of the Uploads API) as an
/// <see cref="HttpContent"/> that copies them to the connection through one pooled buffer while the request is written:
/// the file is never in memory whole. The length is known whenever the source's is, so the request gets a
/// <c>Content-Length</c>.
/// </summary>
/// <remarks>Each attempt calls <see cref="SerializeToStreamAsync(Stream, TransportContext?, CancellationToken)"/> anew and
/// reopens the source at its offset, which is what makes a retry of a file or a seekable stream send the same bytes.</remarks>
internal sealed class UploadContent : HttpContent
{
    /// <summary>The copy buffer: large enough for few system calls, small enough to stay out of the large object heap.</summary>
    internal const int BufferSize = 64 * 1024;

    private readonly UploadSource _source;
    private readonly long _offset;
    private readonly long? _length;
    private readonly UploadProgressTracker? _progress;
    private long _sentThisAttempt;

    public UploadContent(UploadSource source, long offset, long? length, UploadProgressTracker? progress, string defaultContentType)
    {
        _source = source;
        _offset = offset;
        _length = length;
        _progress = progress;
        Headers.TryAddWithoutValidation("Content-Type", source.ContentType ?? defaultContentType);
    }

    /// <summary>Whether a retry can send these bytes again.</summary>
    public bool CanReplay => _source.CanReplay;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        // A new attempt starts the range again: take back what the previous one reported.
        if (_sentThisAttempt != 0)
        {
            _progress?.Add(-_sentThisAttempt);
            _sentThisAttempt = 0;
        }

        var source = _source.OpenRead(_offset);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await using (source.ConfigureAwait(false))
            {
                var remaining = _length ?? long.MaxValue;
                while (remaining > 0)
                {
                    var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(BufferSize, remaining)), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        if (_length is not null)
                        {
                            // Fewer bytes than the Content-Length promised: the server would wait for the rest.
                            throw new IOException($"The upload of '{_source.FileName}' ended after {_length - remaining} of {_length} bytes: the file was changed while it was sent.");
                        }

                        break;
                    }

                    await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    remaining -= read;
                    _sentThisAttempt += read;
                    _progress?.Add(read);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length ?? -1;
        return _length is not null;
    }
}
