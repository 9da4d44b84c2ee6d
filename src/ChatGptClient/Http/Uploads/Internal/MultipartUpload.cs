using System.Text;

namespace ChatGpt.Http.Uploads.Internal;

/// <summary>
/// Builds the <c>multipart/form-data</c> body of an upload endpoint (<c>/files</c>, <c>/uploads/{id}/parts</c>,
/// <c>/audio/transcriptions</c>, ...): text fields first, then the file part streamed from its <see cref="UploadSource"/>.
/// Every part has a length when the file's is known, so <see cref="MultipartFormDataContent"/> computes the request's
/// <c>Content-Length</c> without buffering anything.
/// </summary>
internal static class MultipartUpload
{
    /// <summary>The media type of a file part whose source names none.</summary>
    public const string DefaultFileContentType = "application/octet-stream";

    /// <summary>Creates the form.</summary>
    /// <param name="fields">The text fields, in order (a repeated name such as <c>include[]</c> may appear more than once).</param>
    /// <param name="fileField">The name of the file field (<c>file</c>, or <c>data</c> for an upload part).</param>
    /// <param name="source">The file.</param>
    /// <param name="offset">Where the range sent starts (0 for the whole file).</param>
    /// <param name="length">The range's length (the source's length for the whole file).</param>
    /// <param name="progress">Adds up the bytes sent, or <see langword="null"/>.</param>
    /// <param name="fileName">The file name sent, or <see langword="null"/> for the source's.</param>
    public static MultipartFormDataContent Create(
        IEnumerable<KeyValuePair<string, string>> fields, string fileField, UploadSource source, long offset, long? length, UploadProgressTracker? progress, string? fileName = null)
    {
        // Header values as UTF-8, as browsers and the official SDKs send non-ASCII file names (not MIME-encoded words).
        var form = new MultipartFormDataContent { HeaderEncodingSelector = static (_, _) => Encoding.UTF8 };
        foreach (var (name, value) in fields)
        {
            var text = new StringContent(value, Encoding.UTF8);

            // Plain text parts as the official SDKs send them: no Content-Type for simple values.
            text.Headers.ContentType = null;
            Add(form, text, $"form-data; name={Quote(name)}");
        }

        var file = new UploadContent(source, offset, length, progress, DefaultFileContentType);
        Add(form, file, $"form-data; name={Quote(fileField)}; filename={Quote(fileName ?? source.FileName)}");
        return form;
    }

    /// <summary>Adds a part with a Content-Disposition written as is: <see cref="MultipartFormDataContent"/>'s own adds a
    /// <c>filename*</c> parameter and rejects quotes that browsers and the API's SDKs simply percent-encode.</summary>
    private static void Add(MultipartFormDataContent form, HttpContent part, string disposition)
    {
        form.Add(part);
        part.Headers.Remove("Content-Disposition");
        part.Headers.TryAddWithoutValidation("Content-Disposition", disposition);
    }

    /// <summary>Quotes a Content-Disposition parameter the way the HTML standard encodes form names: <c>"</c>, CR and LF
    /// percent-encoded, so a file name cannot end the parameter or the header early.</summary>
    private static string Quote(string value) =>
        "\"" + value.Replace("\"", "%22", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal) + "\"";
}
