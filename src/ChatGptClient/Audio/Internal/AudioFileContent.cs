using System.Net;
using System.Net.Http.Headers;

namespace ChatGpt.Audio.Internal;

/// <summary>
/// The audio part of a multipart body, copied to the socket through one pooled buffer: a path is opened anew for each
/// attempt and a seekable stream rewound to where it started, so both can be sent again by a retry; a stream that cannot
/// seek is sent once. Bytes are counted as they go, so a stream of unknown length over the API's limit is stopped.
/// </summary>
internal sealed class AudioFileContent : HttpContent
{
    private const int BufferSize = 64 * 1024;

    private readonly AudioFile _file;
    private readonly long? _length;
    private readonly long _startPosition;
    private readonly IProgress<long>? _progress;
    private int _sends;

    public AudioFileContent(AudioFile file, long? length, IProgress<long>? progress)
    {
        _file = file;
        _length = length;
        _progress = progress;
        _startPosition = file.Stream is { CanSeek: true } stream ? stream.Position : 0;
        Headers.ContentType = new MediaTypeHeaderValue(AudioFormats.ContentTypeOf(file.FileName));
    }

    /// <summary>Whether the content can be sent again after a failed attempt.</summary>
    public bool IsReplayable => _file.Path is not null || _file.Stream is { CanSeek: true };

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _sends) > 1 && !IsReplayable)
        {
            throw new InvalidOperationException("The audio stream cannot seek, so it cannot be sent a second time.");
        }

        Stream source;
        if (_file.Path is { } path)
        {
            source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        else
        {
            source = _file.Stream!;
            if (source.CanSeek)
            {
                source.Position = _startPosition;
            }
        }

        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long sent = 0;
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                sent += read;
                if (sent > AudioLimits.MaxFileBytes)
                {
                    throw AudioFormats.TooLarge(_file.FileName, sent);
                }

                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                _progress?.Report(sent);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            if (_file.Path is not null)
            {
                await source.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length ?? 0;
        return _length is not null;
    }
}
