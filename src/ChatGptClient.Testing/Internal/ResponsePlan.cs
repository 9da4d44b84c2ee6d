using System.Text;

namespace ChatGpt.Testing.Internal;

/// <summary>A response decided by the engine, written by either host: status, headers and a body of one or more
/// segments (a JSON document, or one segment per server-sent event).</summary>
internal sealed class ResponsePlan
{
    public const string EventStreamContentType = "text/event-stream; charset=utf-8";

    private static readonly byte[] s_dataPrefix = "data: "u8.ToArray();
    private static readonly byte[] s_eventEnd = "\n\n"u8.ToArray();

    public ResponsePlan(int statusCode, string contentType, IReadOnlyList<byte[]> segments, bool isEventStream)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        Segments = segments;
        IsEventStream = isEventStream;
    }

    public int StatusCode { get; }

    public string ContentType { get; }

    /// <summary>The body: one JSON document, or the data of each event (without <c>data: </c>) for a stream.</summary>
    public IReadOnlyList<byte[]> Segments { get; }

    public bool IsEventStream { get; }

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    public TimeSpan FirstByteDelay { get; set; }

    public TimeSpan ChunkDelay { get; set; }

    /// <summary>When set, the connection drops after this many whole events (streams) or halfway (JSON).</summary>
    public int? CutAfterChunks { get; set; }

    /// <summary>When set, a stream ends after this many events with an error event and no <c>[DONE]</c>.</summary>
    public int? StreamErrorAfterChunks { get; set; }

    /// <summary>The Content-Length to announce, for bodies that are not streamed; the full length even when the
    /// body is cut, like a server that dies mid-write.</summary>
    public long? ContentLength => IsEventStream ? null : Segments.Sum(s => (long)s.Length);

    public static ResponsePlan Json(int statusCode, byte[] json) => new(statusCode, "application/json", [json], isEventStream: false);

    public static ResponsePlan Text(int statusCode, string body, string contentType) => new(statusCode, contentType, [Encoding.UTF8.GetBytes(body)], isEventStream: false);

    public void SetHeader(string name, string value)
    {
        Headers.RemoveAll(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase));
        Headers.Add(new(name, value));
    }

    public void RemoveHeader(string name) => Headers.RemoveAll(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Writes the body, flushing after each event so a stream arrives token by token.</summary>
    /// <exception cref="ConnectionCutException">A scripted cut: the host must drop the connection.</exception>
    public async Task WriteBodyAsync(Stream destination, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (!IsEventStream)
        {
            var body = Segments[0];
            if (CutAfterChunks is not null)
            {
                await destination.WriteAsync(body.AsMemory(0, body.Length / 2), cancellationToken).ConfigureAwait(false);
                await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
                throw new ConnectionCutException();
            }

            await destination.WriteAsync(body, cancellationToken).ConfigureAwait(false);
            return;
        }

        for (var i = 0; i < Segments.Count; i++)
        {
            if (i > 0 && ChunkDelay > TimeSpan.Zero)
            {
                await Task.Delay(ChunkDelay, timeProvider, cancellationToken).ConfigureAwait(false);
            }

            var data = Segments[i];
            if (StreamErrorAfterChunks is int errorAt && i >= errorAt)
            {
                data = ResponseWriter.Error("The server had an error while processing your request. Sorry about that!", "server_error", null, null);
                await destination.WriteAsync(s_dataPrefix, cancellationToken).ConfigureAwait(false);
                await destination.WriteAsync(data, cancellationToken).ConfigureAwait(false);
                await destination.WriteAsync(s_eventEnd, cancellationToken).ConfigureAwait(false);
                await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            if (CutAfterChunks is int cut && i >= cut)
            {
                // Half an event, then nothing: what a reader sees when the server dies mid-write.
                await destination.WriteAsync(s_dataPrefix, cancellationToken).ConfigureAwait(false);
                await destination.WriteAsync(data.AsMemory(0, data.Length / 2), cancellationToken).ConfigureAwait(false);
                await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
                throw new ConnectionCutException();
            }

            await destination.WriteAsync(s_dataPrefix, cancellationToken).ConfigureAwait(false);
            await destination.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            await destination.WriteAsync(s_eventEnd, cancellationToken).ConfigureAwait(false);
            await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
