using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChatGpt.Diagnostics;
using ChatGpt.Internal;

namespace ChatGpt.Http.Internal;

/// <summary>
/// Reads a success body as one JSON value: a body of known, modest size from one pooled buffer in one synchronous pass,
/// a larger or unknown one as it streams in; failures become <see cref="ChatGptException"/>s that say what was read.
/// </summary>
internal static class ResponseBodyReader
{
    /// <summary>Bodies up to this size (with a Content-Length) are parsed from one pooled buffer; larger ones as they stream in.</summary>
    internal const int MaxBufferedBody = 1024 * 1024;

    /// <summary>Reads <paramref name="response"/>'s body as <typeparamref name="T"/>.</summary>
    /// <param name="response">The response, with a success status.</param>
    /// <param name="metadata">Its one reading (request id, status) for the errors.</param>
    /// <param name="typeInfo">The source-generated type.</param>
    /// <param name="what">What the body is, for messages (<c>chat response</c>, <c>model list</c>).</param>
    /// <param name="capture">When not null, the raw body is kept on it (read once, parsed from that buffer).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, ResponseMetadata metadata, JsonTypeInfo<T> typeInfo, string what, ChatGptResponseInfo? capture, CancellationToken cancellationToken)
        where T : class
    {
        T? result;
        try
        {
            if (capture is not null)
            {
                // The raw body was asked for: buffer it once and parse that buffer, instead of parsing twice.
                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                capture.SetRawBody(bytes);
                result = JsonSerializer.Deserialize(bytes, typeInfo);
            }
            else if (metadata.ContentLength is > 0 and <= MaxBufferedBody and var length)
            {
                // Cheaper than the resumable parser, which only pays off for large bodies that should not be held whole.
                result = await ReadBufferedJsonAsync(response.Content, (int)length, typeInfo, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    result = await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false);
                }
            }
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

    private static async Task<T?> ReadBufferedJsonAsync<T>(HttpContent content, int length, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        // One byte more than declared: a handler that changed the body (a decompressor keeping the length, say) must not
        // have it cut silently at the declared length.
        var buffer = ArrayPool<byte>.Shared.Rent(length + 1);
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                // A body shorter than its Content-Length is parsed as far as it goes and fails as truncated JSON.
                var read = await stream.ReadAtLeastAsync(buffer.AsMemory(0, length + 1), length + 1, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (read > length)
                {
                    using var whole = new MemoryStream();
                    whole.Write(buffer, 0, read);
                    await stream.CopyToAsync(whole, cancellationToken).ConfigureAwait(false);
                    return JsonSerializer.Deserialize(whole.GetBuffer().AsSpan(0, (int)whole.Length), typeInfo);
                }

                // The parsed object owns copies of everything it keeps (strings, cloned JsonElements), so the buffer can go back.
                return JsonSerializer.Deserialize(buffer.AsSpan(0, read), typeInfo);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
