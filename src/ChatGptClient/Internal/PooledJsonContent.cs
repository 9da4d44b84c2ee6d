using System.Buffers;
using System.Net;
using System.Text.Json;
using ChatGpt.Serialization;

namespace ChatGpt.Internal;

/// <summary>
/// A JSON request body serialized once into an array rented from <see cref="ArrayPool{T}.Shared"/> and returned when the
/// request is disposed: like a <see cref="ByteArrayContent"/> it has a Content-Length and can be sent again by a retry,
/// without allocating a new array for every call.
/// </summary>
/// <remarks>
/// The array goes back to the pool only once the request is disposed <em>and</em> no write of the body is running: over
/// HTTP/2 the response can arrive (and the message be disposed) while the body is still being sent, and an array
/// returned then could be rented and overwritten by another request mid-send.
/// </remarks>
internal sealed class PooledJsonContent : HttpContent
{
    /// <summary>A per-thread scratch buffer larger than this is dropped after use, so a huge prompt is not kept alive.</summary>
    private const int MaxRetainedScratch = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_scratch;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private readonly int _length;
    private byte[]? _buffer;
    private int _writers;
    private int _disposed;

    private PooledJsonContent(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
        Headers.TryAddWithoutValidation("Content-Type", "application/json");
    }

    /// <summary>Writes <paramref name="request"/> with its hand-written writer (the same bytes as its generated contract).</summary>
    public static PooledJsonContent Create<TRequest>(TRequest request)
        where TRequest : class, IWireRequest<TRequest>
    {
        var scratch = t_scratch ??= new ArrayBufferWriter<byte>(1024);
        var writer = t_writer;
        if (writer is null)
        {
            // The writer honours the context's settings (encoder, indentation), as the serializer would.
            var options = ChatGptJsonContext.Default.Options;
            writer = new Utf8JsonWriter(scratch, new JsonWriterOptions
            {
                Encoder = options.Encoder,
                Indented = options.WriteIndented,
                IndentCharacter = options.IndentCharacter,
                IndentSize = options.IndentSize,
                NewLine = options.NewLine,
                MaxDepth = options.MaxDepth,
            });
            t_writer = writer;
        }
        else
        {
            writer.Reset(scratch);
        }

        try
        {
            request.WriteJson(writer);
            writer.Flush();
            var written = scratch.WrittenSpan;
            var buffer = ArrayPool<byte>.Shared.Rent(written.Length);
            written.CopyTo(buffer);
            return new PooledJsonContent(buffer, written.Length);
        }
        catch
        {
            // A writer left mid-document cannot be reused.
            t_writer = null;
            throw;
        }
        finally
        {
            if (scratch.Capacity > MaxRetainedScratch)
            {
                t_scratch = null;
                t_writer = null;
            }
            else
            {
                scratch.ResetWrittenCount();
            }
        }
    }

    /// <inheritdoc />
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    /// <inheritdoc />
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var body = BeginWrite();
        try
        {
            await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            EndWrite();
        }
    }

    /// <inheritdoc />
    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var body = BeginWrite();
        try
        {
            stream.Write(body.Span);
        }
        finally
        {
            EndWrite();
        }
    }

    /// <inheritdoc />
    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // A full fence (not a volatile write): the store of _disposed must not pass the load of _writers, or a
            // BeginWrite racing with this dispose could miss it while this misses the writer (store-load reordering).
            Interlocked.Exchange(ref _disposed, 1);
            if (Volatile.Read(ref _writers) == 0)
            {
                ReturnBuffer();
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>Registers a write before touching the array, so that a concurrent dispose leaves it to <see cref="EndWrite"/>.</summary>
    private ReadOnlyMemory<byte> BeginWrite()
    {
        Interlocked.Increment(ref _writers);
        var buffer = Volatile.Read(ref _disposed) == 0 ? Volatile.Read(ref _buffer) : null;
        if (buffer is null)
        {
            EndWrite();
            throw new ObjectDisposedException(GetType().FullName);
        }

        return buffer.AsMemory(0, _length);
    }

    private void EndWrite()
    {
        if (Interlocked.Decrement(ref _writers) == 0 && Volatile.Read(ref _disposed) != 0)
        {
            ReturnBuffer();
        }
    }

    private void ReturnBuffer()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
