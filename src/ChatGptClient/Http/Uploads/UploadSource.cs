namespace ChatGpt.Http.Uploads;

/// <summary>
/// The bytes of a file to upload: a file on disk, or a <see cref="Stream"/>. The bytes are read while the request is
/// written to the connection, never held in memory whole.
/// </summary>
/// <remarks>
/// A file path or a seekable stream can be read again, so a failed attempt can be retried (<see cref="CanReplay"/>).
/// A non-seekable stream (a network stream, a pipe) can be sent once: a failure that would otherwise be retried surfaces
/// as a <see cref="ChatGptException"/> that says it was not retried, and why. A stream is never disposed by the client:
/// the caller owns it.
/// </remarks>
public sealed class UploadSource
{
    private readonly string? _path;
    private readonly Stream? _stream;
    private readonly long _startPosition;
    private int _reads;

    private UploadSource(string fileName, string? contentType, long? length, string? path, Stream? stream)
    {
        FileName = fileName;
        ContentType = contentType;
        Length = length;
        _path = path;
        _stream = stream;
        _startPosition = stream is { CanSeek: true } ? stream.Position : 0;
    }

    /// <summary>The file name sent in the multipart <c>Content-Disposition</c>; the API keeps it as the file's <c>filename</c>.</summary>
    public string FileName { get; }

    /// <summary>The media type of the file part, or <see langword="null"/> for the default chosen by the endpoint.</summary>
    public string? ContentType { get; }

    /// <summary>The length in bytes, or <see langword="null"/> when a non-seekable stream was given without one
    /// (then the request is sent with chunked transfer encoding and no <c>Content-Length</c>).</summary>
    public long? Length { get; }

    /// <summary>Whether the bytes can be read again for a retry: <see langword="true"/> for a file path or a seekable stream.</summary>
    public bool CanReplay => _path is not null || _stream!.CanSeek;

    /// <summary>Whether the source is a file on disk (which can be read in parallel ranges).</summary>
    internal bool IsFile => _path is not null;

    /// <summary>Uploads a file on disk. It is opened when the request is sent (once per attempt) and closed after.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="contentType">The media type, or <see langword="null"/> for the endpoint's default.</param>
    /// <returns>The source.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static UploadSource FromFile(string path, string? contentType = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"The file to upload does not exist: {path}", path);
        }

        return new UploadSource(info.Name, contentType, info.Length, info.FullName, stream: null);
    }

    /// <summary>Uploads the bytes of a stream from its current position to its end. The caller keeps ownership of the stream.</summary>
    /// <param name="stream">The stream, readable.</param>
    /// <param name="fileName">The file name the API records (its extension tells the API the format, e.g. <c>.jsonl</c>).</param>
    /// <param name="contentType">The media type, or <see langword="null"/> for the endpoint's default.</param>
    /// <param name="length">The number of bytes the stream holds, when it cannot seek but the caller knows it
    /// (it becomes the <c>Content-Length</c>); ignored for a seekable stream, whose length is read from it.</param>
    /// <returns>The source.</returns>
    public static UploadSource FromStream(Stream stream, string fileName, string? contentType = null, long? length = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream to upload is not readable.", nameof(stream));
        }

        if (length is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The length cannot be negative.");
        }

        var known = stream.CanSeek ? stream.Length - stream.Position : length;
        return new UploadSource(fileName, contentType, known, path: null, stream);
    }

    /// <summary>
    /// Opens the bytes from <paramref name="offset"/> (relative to the start of the upload) for one attempt. A file is opened
    /// anew; a seekable stream is positioned; a non-seekable stream is handed out once, and a second read fails with the
    /// reason (a retry that should not have happened, or two parts read from one stream).
    /// </summary>
    internal Stream OpenRead(long offset)
    {
        if (_path is not null)
        {
            var file = new FileStream(_path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
                BufferSize = 0, // the copy loop's buffer is the only one
            });
            if (offset > 0)
            {
                file.Seek(offset, SeekOrigin.Begin);
            }

            return file;
        }

        var stream = _stream!;
        if (stream.CanSeek)
        {
            stream.Seek(_startPosition + offset, SeekOrigin.Begin);
            return new NonClosingStream(stream);
        }

        if (Interlocked.Increment(ref _reads) > 1 || offset != 0)
        {
            throw new InvalidOperationException($"The upload of '{FileName}' cannot be sent again: its stream cannot seek, so its bytes were consumed by the first attempt.");
        }

        return new NonClosingStream(stream);
    }

    /// <summary>Hands out the caller's stream without letting the request dispose it.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) => inner.Read(buffer);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
