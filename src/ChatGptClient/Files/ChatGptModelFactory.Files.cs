using ChatGpt.Files;

namespace ChatGpt;

// The Files API's results: the stored file object and the answer of a deletion.
public static partial class ChatGptModelFactory
{
    /// <summary>Builds a file as <see cref="IChatGptFilesClient.UploadFileAsync(Http.Uploads.UploadSource, FilePurpose, FileUploadOptions?, CancellationToken)"/>,
    /// <see cref="IChatGptFilesClient.GetFileAsync"/> and <see cref="IChatGptFilesClient.ListFilesAsync"/> return it.</summary>
    /// <param name="id">The file id.</param>
    /// <param name="purpose">What the file is for; <see cref="FilePurpose.FineTune"/> when <see langword="null"/>.</param>
    /// <param name="filename">The name it was uploaded with.</param>
    /// <param name="bytes">The size in bytes.</param>
    /// <param name="createdAt">When it was created (whole seconds, as on the wire).</param>
    /// <param name="expiresAt">When it expires, or <see langword="null"/> when it does not.</param>
    /// <param name="status">The processing status (<c>uploaded</c>, <c>processed</c>, <c>error</c>).</param>
    /// <param name="statusDetails">Why validation failed, for a file in <c>error</c>.</param>
    /// <returns>The file.</returns>
    public static ChatGptFile ChatGptFile(
        string id = "file-test",
        FilePurpose? purpose = null,
        string? filename = "data.jsonl",
        long bytes = 0,
        DateTimeOffset createdAt = default,
        DateTimeOffset? expiresAt = null,
        string? status = "processed",
        string? statusDetails = null) => new()
        {
            Id = id,
            Object = "file",
            Bytes = bytes,
            CreatedAt = createdAt,
            ExpiresAt = expiresAt,
            Filename = filename,
            Purpose = purpose ?? FilePurpose.FineTune,
            Status = status,
            StatusDetails = statusDetails,
        };
}
