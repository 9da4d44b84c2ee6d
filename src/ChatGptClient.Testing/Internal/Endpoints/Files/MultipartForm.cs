using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace ChatGpt.Testing.Internal;

/// <summary>
/// Reads a <c>multipart/form-data</c> upload section by section as it arrives: text fields whole (they are small), the
/// file part counted and kept only up to a bound, so an upload of hundreds of megabytes is never held in memory.
/// </summary>
internal sealed class MultipartForm
{
    private const int MaxFieldBytes = 64 * 1024;

    public Dictionary<string, string> Fields { get; } = new(StringComparer.Ordinal);

    /// <summary>The file part's name from its Content-Disposition, or <see langword="null"/> when there was no file part.</summary>
    public string? FileName { get; private set; }

    /// <summary>The file part's length in bytes.</summary>
    public long FileLength { get; private set; }

    /// <summary>The file part's bytes when they fit the bound, otherwise <see langword="null"/>.</summary>
    public byte[]? FileContent { get; private set; }

    public bool HasFile => FileName is not null;

    /// <param name="request">The request (a route with a streamed body).</param>
    /// <param name="fileField">The file field's name (<c>file</c>, <c>data</c>).</param>
    /// <param name="maxFileBytes">Over this the API's 400 is thrown (after the rest of the body was drained).</param>
    /// <param name="maxKeptBytes">Files up to this size are kept.</param>
    /// <param name="tooLarge">Builds the API's error for a file over <paramref name="maxFileBytes"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<MultipartForm> ReadAsync(EndpointRequest request, string fileField, long maxFileBytes, long maxKeptBytes, Func<long, ApiErrorException> tooLarge, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) ||
            !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) ||
            HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            throw new ApiErrorException(400, "Invalid request: the body must be multipart/form-data with a boundary.", "invalid_request_error", null);
        }

        // A body announced larger than the bound cannot have a file that fits: keep nothing rather than learn it late.
        if (request.Incoming.Body.Length is { } announced && announced > maxKeptBytes + MaxFieldBytes)
        {
            maxKeptBytes = 0;
        }

        var form = new MultipartForm();
        var reader = new MultipartReader(boundary, request.Body);
        ApiErrorException? error = null;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    throw new ApiErrorException(400, "Invalid multipart body: a part has no form-data Content-Disposition.", "invalid_request_error", null);
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                if (name == fileField && disposition.IsFileDisposition())
                {
                    form.FileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? string.Empty;
                    (form.FileLength, form.FileContent) = await CopyBoundedAsync(section.Body, maxKeptBytes, cancellationToken).ConfigureAwait(false);
                    if (form.FileLength > maxFileBytes)
                    {
                        error = tooLarge(form.FileLength);
                    }
                }
                else
                {
                    var (length, bytes) = await CopyBoundedAsync(section.Body, MaxFieldBytes, cancellationToken).ConfigureAwait(false);
                    if (bytes is null)
                    {
                        throw new ApiErrorException(400, $"The form field '{name}' is too long ({length} bytes).", "invalid_request_error", name);
                    }

                    form.Fields[name] = Encoding.UTF8.GetString(bytes);
                }
            }
        }
        catch (IOException ex) when (ex.InnerException is null && ex.Message.Contains("boundary", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiErrorException(400, $"Invalid multipart body: {ex.Message}", "invalid_request_error", null);
        }

        return error is null ? form : throw error;
    }

    /// <summary>Reads a part to its end, keeping its bytes only while they fit <paramref name="maxKept"/>.</summary>
    private static async Task<(long Length, byte[]? Bytes)> CopyBoundedAsync(Stream body, long maxKept, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            MemoryStream? kept = maxKept > 0 ? new() : null;
            long length = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (kept is not null && length <= maxKept)
                {
                    kept.Write(buffer, 0, read);
                }
                else
                {
                    kept = null;
                }
            }

            return (length, maxKept == 0 && length == 0 ? [] : kept?.ToArray());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
