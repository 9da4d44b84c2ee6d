using System.Globalization;

namespace ChatGpt.Testing.Internal;

/// <summary>
/// The body of an incoming request, not read yet: the route decides whether it is read whole (JSON, bounded by
/// <see cref="MaxJsonBytes"/>) or handed to the endpoint as a stream (uploads), so a 500 MB upload is never buffered.
/// Each host has its implementation; the host disposes it after the engine answered.
/// </summary>
internal abstract class RequestBody : IAsyncDisposable
{
    /// <summary>The largest JSON body read whole (the API's own request limit is far below it).</summary>
    public const long MaxJsonBytes = 64L * 1024 * 1024;

    /// <summary>The announced length (<c>Content-Length</c>), when there is one.</summary>
    public abstract long? Length { get; }

    /// <summary>Reads the whole body; over <paramref name="maxBytes"/> it answers 413 like a server with a body limit.</summary>
    public abstract ValueTask<byte[]> ReadAllAsync(long maxBytes, CancellationToken cancellationToken);

    /// <summary>The body as a stream read while it arrives; call once.</summary>
    public abstract Stream OpenRead(CancellationToken cancellationToken);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    protected static ApiErrorException TooLarge(long maxBytes) => new(
        413,
        string.Create(CultureInfo.InvariantCulture, $"Request too large: the body is over the emulator's limit of {maxBytes} bytes for a JSON request."),
        "invalid_request_error",
        null,
        "request_too_large");
}
