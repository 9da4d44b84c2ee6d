using ChatGpt.FineTuning.TrainingData;
using ChatGpt.Http.Uploads;

namespace ChatGpt.Files;

/// <summary>
/// A client for the OpenAI Files API (<c>/files</c>) and, for files over 512 MB, the Uploads API (<c>/uploads</c>):
/// upload (streamed, with progress), list, retrieve, delete and download files.
/// </summary>
/// <remarks>Registered by <c>services.AddChatGpt()</c> with the same options, pipeline and telemetry as <see cref="IChatGptClient"/>.</remarks>
public interface IChatGptFilesClient
{
    /// <summary>
    /// Uploads a file (<c>POST /files</c> as <c>multipart/form-data</c>, streamed: the file is never held in memory).
    /// A file over 512 MB goes through the Uploads API: created, sent in 64 MB parts (in parallel for a file path),
    /// completed in order, and cancelled if anything fails. A <see cref="FilePurpose.FineTune"/> file is validated first.
    /// </summary>
    /// <param name="file">The bytes and file name.</param>
    /// <param name="purpose">What the file is for.</param>
    /// <param name="options">Expiration, progress and the training-data check.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The stored file.</returns>
    /// <exception cref="TrainingDataValidationException">A fine-tuning file has issues; nothing was sent.</exception>
    /// <exception cref="ChatGptException">The server answered with an error, or the connection failed (the message says when the upload was not retried because its stream cannot seek).</exception>
    Task<ChatGptFile> UploadFileAsync(UploadSource file, FilePurpose purpose, FileUploadOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Uploads a file on disk; see <see cref="UploadFileAsync(UploadSource, FilePurpose, FileUploadOptions?, CancellationToken)"/>.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="purpose">What the file is for.</param>
    /// <param name="options">Expiration, progress and the training-data check.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The stored file.</returns>
    Task<ChatGptFile> UploadFileAsync(string path, FilePurpose purpose, FileUploadOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Lists files (<c>GET /files</c>), fetching pages as the enumeration reaches them.</summary>
    /// <param name="options">Purpose filter, order, page size and starting cursor.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The files.</returns>
    IAsyncEnumerable<ChatGptFile> ListFilesAsync(FileListOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Retrieves a file's metadata (<c>GET /files/{file_id}</c>).</summary>
    /// <param name="fileId">The file id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The file.</returns>
    Task<ChatGptFile> GetFileAsync(string fileId, CancellationToken cancellationToken = default);

    /// <summary>Deletes a file (<c>DELETE /files/{file_id}</c>).</summary>
    /// <param name="fileId">The file id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it was deleted.</returns>
    Task<DeletionResult> DeleteFileAsync(string fileId, CancellationToken cancellationToken = default);

    /// <summary>Downloads a file's content (<c>GET /files/{file_id}/content</c>) as a stream read while it arrives.</summary>
    /// <param name="fileId">The file id.</param>
    /// <param name="cancellationToken">Cancels the wait for the response; reads take their own token.</param>
    /// <returns>The content; dispose it to release the connection.</returns>
    Task<Stream> DownloadFileAsync(string fileId, CancellationToken cancellationToken = default);
}
