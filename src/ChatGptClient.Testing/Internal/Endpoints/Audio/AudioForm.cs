using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace ChatGpt.Testing.Internal;

/// <summary>
/// A transcription or translation form read section by section as it arrives (<see cref="MultipartReader"/>): the text
/// fields, and the audio file's name and <see cref="WavInfo"/> read while it streams past, never held whole.
/// </summary>
internal sealed class AudioForm
{
    /// <summary>The API's file limit: 25 MB.</summary>
    public const long MaxFileBytes = 25L * 1024 * 1024;

    private const int MaxFieldBytes = 16 * 1024 * 1024;

    public Dictionary<string, List<string>> Fields { get; } = new(StringComparer.Ordinal);

    public string? FileName { get; private set; }

    public WavInfo? File { get; private set; }

    public string? Field(string name) => Fields.TryGetValue(name, out var values) ? values[^1] : null;

    public IReadOnlyList<string> Array(string name) =>
        Fields.TryGetValue(name + "[]", out var values) ? values : Fields.TryGetValue(name, out var plain) ? plain : [];

    public static async Task<AudioForm> ReadAsync(Stream body, string? contentType, CancellationToken cancellationToken)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType) ||
            !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) ||
            HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            throw ApiErrorException.Invalid("Invalid Content-Type header (" + (contentType ?? "none") + "), expected multipart/form-data. (HINT: If you're using curl, you can pass -H 'Content-Type: multipart/form-data')", null);
        }

        var form = new AudioForm();
        var reader = new MultipartReader(boundary, body) { BodyLengthLimit = null };
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) ||
                    HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { Length: > 0 } name)
                {
                    throw ApiErrorException.Invalid("Each part of the form needs a Content-Disposition header with a name.", null);
                }

                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                if (name == "file")
                {
                    form.FileName = fileName ?? string.Empty;
                    var extension = Path.GetExtension(form.FileName).TrimStart('.').ToLowerInvariant();
                    form.File = await WavReader.ReadAsync(section.Body, extension, MaxFileBytes, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var value = await ReadFieldAsync(section.Body, name, cancellationToken).ConfigureAwait(false);
                if (!form.Fields.TryGetValue(name, out var values))
                {
                    form.Fields[name] = values = [];
                }

                values.Add(value);
            }
        }
        catch (FileTooLargeException tooLarge)
        {
            throw new ApiErrorException(413, $"Maximum content size limit ({MaxFileBytes}) exceeded ({tooLarge.BytesRead} bytes read)", "invalid_request_error", "file", "file_too_large");
        }
        catch (InvalidDataException ex)
        {
            throw ApiErrorException.Invalid("The multipart body could not be read: " + ex.Message, null);
        }

        return form;
    }

    private static async Task<string> ReadFieldAsync(Stream body, string name, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxFieldBytes)
            {
                throw ApiErrorException.Invalid($"The form field '{name}' is too long.", name);
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
