using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChatGpt.Diagnostics;
using ChatGpt.Internal;

namespace ChatGpt.Http.Internal;

/// <summary>
/// Reads a success body as one JSON value within the client's limits: at most <see cref="ChatGptOptions.MaxResponseBytes"/>
/// (checked against the declared length, then while reading), and no silence longer than
/// <see cref="ChatGptOptions.ResponseBodyIdleTimeout"/>. Failures become <see cref="ChatGptException"/>s that say what
/// was read and which limit was hit.
/// </summary>
/// <remarks>
/// A body of known, modest size is read into one buffer from the shared pool and parsed in one synchronous pass. A larger
/// or unknown one is read into an array of its own (grown as it arrives, never past the limit) that the garbage collector
/// reclaims after the call: renting it from the shared pool would keep a large array alive there after the call.
/// </remarks>
internal static class ResponseBodyReader
{
    /// <summary>Bodies up to this size (with a Content-Length) are parsed from one pooled buffer.</summary>
    internal const int MaxPooledBody = 1024 * 1024;

    private const int FirstUnpooledBuffer = 64 * 1024;

    /// <summary>The limits a body is read within.</summary>
    /// <param name="MaxBytes">The largest body accepted.</param>
    /// <param name="IdleTimeout">The longest silence while it arrives.</param>
    /// <param name="TimeProvider">The clock of the idle timeout.</param>
    internal readonly record struct Limits(long MaxBytes, TimeSpan IdleTimeout, TimeProvider TimeProvider)
    {
        /// <summary>The limits of <paramref name="options"/>.</summary>
        public static Limits From(ChatGptOptions options, TimeProvider timeProvider) => new(options.MaxResponseBytes, options.ResponseBodyIdleTimeout, timeProvider);
    }

    /// <summary>Reads <paramref name="response"/>'s body as <typeparamref name="T"/>.</summary>
    /// <param name="response">The response, with a success status.</param>
    /// <param name="metadata">Its one reading (request id, status, declared length) for the errors.</param>
    /// <param name="typeInfo">The source-generated type.</param>
    /// <param name="what">What the body is, for messages (<c>response</c>).</param>
    /// <param name="capture">When not null, the raw body is kept on it (read once, parsed from that buffer).</param>
    /// <param name="limits">The size and idle limits.</param>
    /// <param name="cancellationToken">Cancels the read (the caller's token with the total timeout).</param>
    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, ResponseMetadata metadata, JsonTypeInfo<T> typeInfo, string what, ChatGptResponseInfo? capture, Limits limits, CancellationToken cancellationToken)
        where T : class
    {
        if (metadata.ContentLength > limits.MaxBytes)
        {
            throw TooLarge(metadata, limits.MaxBytes, declared: true);
        }

        T? result;
        using var idle = new StreamIdleTimeout(limits.IdleTimeout, limits.TimeProvider, cancellationToken, onlyWhileWaiting: true);
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(idle.Token).ConfigureAwait(false);
            var guarded = new GuardedReadStream(stream, limits.MaxBytes, static (metadata, max) => TooLarge(metadata, max, declared: false), metadata, idle);
            await using (guarded.ConfigureAwait(false))
            {
                if (capture is null && metadata.ContentLength is > 0 and <= MaxPooledBody and var length)
                {
                    result = await ReadPooledAsync(guarded, (int)length, typeInfo, idle.Token).ConfigureAwait(false);
                }
                else
                {
                    var (buffer, read) = await ReadWholeAsync(guarded, metadata.ContentLength, limits.MaxBytes, idle.Token).ConfigureAwait(false);
                    capture?.SetRawBody(buffer.AsMemory(0, read));
                    result = JsonSerializer.Deserialize(buffer.AsSpan(0, read), typeInfo);
                }
            }
        }
        catch (OperationCanceledException) when (idle.TimedOut(cancellationToken))
        {
            throw new ChatGptException($"The server stopped sending the {what}: no byte arrived for {limits.IdleTimeout} (ChatGptOptions.ResponseBodyIdleTimeout).{RequestIdSuffix(metadata)}", metadata.StatusCode, requestId: metadata.RequestId, innerException: new TimeoutException($"No byte of the body for {limits.IdleTimeout}."));
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException or InvalidOperationException or NotSupportedException)
        {
            throw ChatGptErrors.MalformedBody(what, metadata.StatusCode, metadata.RequestId, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new ChatGptException($"The connection was cut while reading the {what}: {ex.Message}", metadata.StatusCode, requestId: metadata.RequestId, innerException: ex);
        }

        return result ?? throw ChatGptErrors.MalformedBody(what, metadata.StatusCode, metadata.RequestId, new JsonException("The body was the JSON literal null."));
    }

    /// <summary>The error of a body over <see cref="ChatGptOptions.MaxResponseBytes"/>.</summary>
    internal static ChatGptException TooLarge(ResponseMetadata metadata, long maxBytes, bool declared) =>
        new($"The response body {(declared ? $"declares {metadata.ContentLength} bytes, more than" : "passed")} ChatGptOptions.MaxResponseBytes ({maxBytes} bytes) and was not read{(declared ? string.Empty : " further")}. If such answers are expected, raise ChatGptOptions.MaxResponseBytes.{RequestIdSuffix(metadata)}", metadata.StatusCode, requestId: metadata.RequestId, innerException: new InvalidDataException($"The body is larger than {maxBytes} bytes."));

    private static string RequestIdSuffix(ResponseMetadata metadata) => metadata.RequestId is { } id ? $" (request id {id})" : string.Empty;

    private static async Task<T?> ReadPooledAsync<T>(Stream stream, int length, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        // One byte more than declared: a handler that changed the body (a decompressor keeping the length, say) must not
        // have it cut silently at the declared length.
        var buffer = ArrayPool<byte>.Shared.Rent(length + 1);
        try
        {
            // A body shorter than its Content-Length is parsed as far as it goes and fails as truncated JSON.
            var read = await stream.ReadAtLeastAsync(buffer.AsMemory(0, length + 1), length + 1, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (read > length)
            {
                var (whole, total) = await ReadWholeAsync(stream, null, long.MaxValue, cancellationToken, buffer.AsMemory(0, read)).ConfigureAwait(false);
                return JsonSerializer.Deserialize(whole.AsSpan(0, total), typeInfo);
            }

            // The parsed object owns copies of everything it keeps (strings, cloned JsonElements), so the buffer can go back.
            return JsonSerializer.Deserialize(buffer.AsSpan(0, read), typeInfo);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads to the end into an array of its own, grown as needed; the stream enforces the limit.</summary>
    private static async Task<(byte[] Buffer, int Length)> ReadWholeAsync(Stream stream, long? declaredLength, long maxBytes, CancellationToken cancellationToken, ReadOnlyMemory<byte> start = default)
    {
        var capacity = declaredLength is > 0 and var declared
            ? (int)Math.Min(declared + 1, Math.Min(maxBytes + 1, Array.MaxLength))
            : Math.Max(FirstUnpooledBuffer, start.Length * 2);
        var buffer = new byte[capacity];
        start.CopyTo(buffer);
        var length = start.Length;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length >= Array.MaxLength)
                {
                    throw new ChatGptException($"The response body is larger than one array can hold ({Array.MaxLength} bytes); lower ChatGptOptions.MaxResponseBytes.");
                }

                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, Array.MaxLength));
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return (buffer, length);
            }

            length += read;
        }
    }
}
