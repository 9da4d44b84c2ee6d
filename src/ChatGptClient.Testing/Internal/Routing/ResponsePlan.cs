using System.Text;

namespace ChatGpt.Testing.Internal;

/// <summary>A response decided by the engine, written by either host: status, headers and a body that is one document,
/// a list of server-sent events, or chunks produced while they are sent (see <see cref="ResponseBodyKind"/>).</summary>
internal sealed class ResponsePlan
{
    public const string EventStreamContentType = "text/event-stream; charset=utf-8";

    private static readonly byte[] s_eventPrefix = "event: "u8.ToArray();
    private static readonly byte[] s_dataPrefix = "data: "u8.ToArray();
    private static readonly byte[] s_lineEnd = "\n"u8.ToArray();
    private static readonly byte[] s_eventEnd = "\n\n"u8.ToArray();

    private readonly byte[]? _document;
    private readonly IReadOnlyList<ServerSentEvent>? _events;
    private readonly Func<CancellationToken, IAsyncEnumerable<ReadOnlyMemory<byte>>>? _chunks;
    private readonly long? _chunkedLength;

    private ResponsePlan(int statusCode, string contentType, ResponseBodyKind kind, byte[]? document, IReadOnlyList<ServerSentEvent>? events, Func<CancellationToken, IAsyncEnumerable<ReadOnlyMemory<byte>>>? chunks, long? chunkedLength)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        Kind = kind;
        _document = document;
        _events = events;
        _chunks = chunks;
        _chunkedLength = chunkedLength;
    }

    public int StatusCode { get; }

    public string ContentType { get; }

    public ResponseBodyKind Kind { get; }

    public bool IsEventStream => Kind == ResponseBodyKind.EventStream;

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    public TimeSpan FirstByteDelay { get; set; }

    /// <summary>The wait between two events or two chunks.</summary>
    public TimeSpan ChunkDelay { get; set; }

    /// <summary>When set, the connection drops after this many whole events or chunks (a document: halfway).</summary>
    public int? CutAfterChunks { get; set; }

    /// <summary>When set, an event stream ends after this many events with an error event and no more.</summary>
    public int? StreamErrorAfterChunks { get; set; }

    /// <summary>The Content-Length to announce: the full length even when the body is cut, like a server that dies
    /// mid-write; none for event streams and chunked bodies of unknown length.</summary>
    public long? ContentLength => Kind switch
    {
        ResponseBodyKind.Document => _document!.Length,
        ResponseBodyKind.Chunked => _chunkedLength,
        _ => null,
    };

    public static ResponsePlan Json(int statusCode, byte[] json) => Document(statusCode, "application/json", json);

    public static ResponsePlan Text(int statusCode, string body, string contentType) => Document(statusCode, contentType, Encoding.UTF8.GetBytes(body));

    /// <summary>The API's error body, <c>{"error":{"message","type","param","code"}}</c>.</summary>
    public static ResponsePlan Error(int statusCode, string message, string type, string? param, string? code) =>
        Json(statusCode, ResponseWriter.Error(message, type, param, code));

    /// <summary>A body sent whole (JSON, text, or a small binary).</summary>
    public static ResponsePlan Document(int statusCode, string contentType, byte[] body) => new(statusCode, contentType, ResponseBodyKind.Document, body, null, null, null);

    /// <summary>Server-sent events; chat streams pass their <c>[DONE]</c> as the last event.</summary>
    public static ResponsePlan EventStream(IReadOnlyList<ServerSentEvent> events, int statusCode = 200) =>
        new(statusCode, EventStreamContentType, ResponseBodyKind.EventStream, null, events, null, null);

    /// <summary>A body produced chunk by chunk as it is sent (each chunk is written and flushed, then the chunk delay);
    /// <paramref name="contentLength"/> when the total is known (file content), else sent chunked.</summary>
    public static ResponsePlan Chunked(int statusCode, string contentType, Func<CancellationToken, IAsyncEnumerable<ReadOnlyMemory<byte>>> chunks, long? contentLength) =>
        new(statusCode, contentType, ResponseBodyKind.Chunked, null, null, chunks, contentLength);

    public void SetHeader(string name, string value)
    {
        RemoveHeader(name);
        Headers.Add(new(name, value));
    }

    public void RemoveHeader(string name) => Headers.RemoveAll(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Writes the body, flushing after each event or chunk so it arrives piece by piece.</summary>
    /// <exception cref="ConnectionCutException">A scripted cut: the host must drop the connection.</exception>
    public Task WriteBodyAsync(Stream destination, TimeProvider timeProvider, CancellationToken cancellationToken) => Kind switch
    {
        ResponseBodyKind.Document => WriteDocumentAsync(destination, cancellationToken),
        ResponseBodyKind.EventStream => WriteEventsAsync(destination, timeProvider, cancellationToken),
        _ => WriteChunksAsync(destination, timeProvider, cancellationToken),
    };

    private async Task WriteDocumentAsync(Stream destination, CancellationToken cancellationToken)
    {
        var body = _document!;
        if (CutAfterChunks is not null)
        {
            await destination.WriteAsync(body.AsMemory(0, body.Length / 2), cancellationToken).ConfigureAwait(false);
            await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
            throw new ConnectionCutException();
        }

        await destination.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteEventsAsync(Stream destination, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var events = _events!;
        for (var i = 0; i < events.Count; i++)
        {
            if (i > 0 && ChunkDelay > TimeSpan.Zero)
            {
                await Task.Delay(ChunkDelay, timeProvider, cancellationToken).ConfigureAwait(false);
            }

            var current = events[i];
            if (StreamErrorAfterChunks is int errorAt && i >= errorAt)
            {
                var error = ResponseWriter.Error("The server had an error while processing your request. Sorry about that!", "server_error", null, null);
                await WriteEventAsync(destination, new ServerSentEvent(current.Name is null ? null : "error", error), cancellationToken).ConfigureAwait(false);
                return;
            }

            if (CutAfterChunks is int cut && i >= cut)
            {
                // Half an event, then nothing: what a reader sees when the server dies mid-write.
                await destination.WriteAsync(s_dataPrefix, cancellationToken).ConfigureAwait(false);
                await destination.WriteAsync(current.Data.AsMemory(0, current.Data.Length / 2), cancellationToken).ConfigureAwait(false);
                await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
                throw new ConnectionCutException();
            }

            await WriteEventAsync(destination, current, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteChunksAsync(Stream destination, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var index = 0;
        await foreach (var chunk in _chunks!(cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (index > 0 && ChunkDelay > TimeSpan.Zero)
            {
                await Task.Delay(ChunkDelay, timeProvider, cancellationToken).ConfigureAwait(false);
            }

            if (CutAfterChunks is int cut && index >= cut)
            {
                await destination.WriteAsync(chunk[..(chunk.Length / 2)], cancellationToken).ConfigureAwait(false);
                await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
                throw new ConnectionCutException();
            }

            await destination.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
            await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
            index++;
        }
    }

    private static async Task WriteEventAsync(Stream destination, ServerSentEvent current, CancellationToken cancellationToken)
    {
        if (current.Name is not null)
        {
            await destination.WriteAsync(s_eventPrefix, cancellationToken).ConfigureAwait(false);
            await destination.WriteAsync(Encoding.UTF8.GetBytes(current.Name), cancellationToken).ConfigureAwait(false);
            await destination.WriteAsync(s_lineEnd, cancellationToken).ConfigureAwait(false);
        }

        await destination.WriteAsync(s_dataPrefix, cancellationToken).ConfigureAwait(false);
        await destination.WriteAsync(current.Data, cancellationToken).ConfigureAwait(false);
        await destination.WriteAsync(s_eventEnd, cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
