using System.Diagnostics.Metrics;
using System.Globalization;
using ChatGpt.Files.Internal;
using ChatGpt.FineTuning.TrainingData;
using ChatGpt.Http.Internal;
using ChatGpt.Http.Uploads;
using ChatGpt.Http.Uploads.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatGpt.Files;

/// <summary>The typed <see cref="HttpClient"/> client of the OpenAI Files and Uploads APIs.</summary>
/// <remarks>Register it with <c>services.AddChatGpt()</c> (it shares the options, retries, rate limiter and telemetry of
/// <see cref="ChatGptClient"/>), or create it over your own <see cref="HttpClient"/>. It is thread-safe.</remarks>
public sealed class ChatGptFilesClient : IChatGptFilesClient
{
    /// <summary>The largest file one <c>POST /files</c> takes; larger files go through the Uploads API.</summary>
    public const long SingleRequestLimit = 512L * 1024 * 1024;

    /// <summary>The size of each part sent to the Uploads API (the API's maximum).</summary>
    public const int UploadPartSize = 64 * 1024 * 1024;

    /// <summary>How many parts of a file on disk are sent at once.</summary>
    public const int MaxParallelParts = 4;

    private readonly ChatGptTransport _transport;

    /// <summary>Creates the client over an <see cref="HttpClient"/>.</summary>
    /// <param name="httpClient">The HTTP client.</param>
    /// <param name="options">The options (the same as <see cref="ChatGptClient"/>'s).</param>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public ChatGptFilesClient(HttpClient httpClient, IOptions<ChatGptOptions> options)
        : this(httpClient, options, timeProvider: null, loggerFactory: null, meterFactory: null)
    {
    }

    /// <summary>Creates the client with its clock, logging and metrics (what <c>AddChatGpt</c> passes from the container).</summary>
    /// <param name="httpClient">The HTTP client.</param>
    /// <param name="options">The options.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Creates the logger; no logging when <see langword="null"/>.</param>
    /// <param name="meterFactory">Creates the meter; a process-wide meter when <see langword="null"/>.</param>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public ChatGptFilesClient(HttpClient httpClient, IOptions<ChatGptOptions> options, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, IMeterFactory? meterFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        _transport = new ChatGptTransport(httpClient, options.Value ?? throw new ArgumentException("The options have no value.", nameof(options)), timeProvider, loggerFactory, meterFactory);
    }

    /// <summary>Where the Uploads API takes over (tests lower it to exercise the multi-part path with small files).</summary>
    internal long SingleRequestLimitOverride { get; set; } = SingleRequestLimit;

    /// <summary>The part size (tests lower it).</summary>
    internal int PartSizeOverride { get; set; } = UploadPartSize;

    /// <inheritdoc/>
    public Task<ChatGptFile> UploadFileAsync(string path, FilePurpose purpose, FileUploadOptions? options = null, CancellationToken cancellationToken = default) =>
        UploadFileAsync(UploadSource.FromFile(path), purpose, options, cancellationToken);

    /// <inheritdoc/>
    public async Task<ChatGptFile> UploadFileAsync(UploadSource file, FilePurpose purpose, FileUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (string.IsNullOrEmpty(purpose.Value))
        {
            throw new ArgumentException("A file upload needs a purpose.", nameof(purpose));
        }

        options ??= new FileUploadOptions();
        if (!file.CanReplay && file.Length > SingleRequestLimitOverride)
        {
            // Parts are read at their offsets; a forward-only stream can only be read once, from its start.
            throw new ArgumentException($"'{file.FileName}' is over {SingleRequestLimitOverride} bytes, so it goes through the Uploads API in parts, which needs a file path or a seekable stream.", nameof(file));
        }

        if (purpose == FilePurpose.FineTune && options.TrainingDataValidation is { } validation && file.CanReplay)
        {
            // Read once before sending: a bad file fails here with its line numbers, before a byte goes out.
            var data = file.OpenRead(0);
            TrainingDataReport report;
            await using (data.ConfigureAwait(false))
            {
                report = await TrainingDataValidator.ValidateAsync(data, validation, cancellationToken).ConfigureAwait(false);
            }

            if (!report.IsValid)
            {
                throw new TrainingDataValidationException(file.FileName, report);
            }
        }

        var progress = new UploadProgressTracker(options.Progress, file.Length);
        progress.ReportStart();
        try
        {
            return file.Length > SingleRequestLimitOverride
                ? await UploadInPartsAsync(file, purpose, options, progress, cancellationToken).ConfigureAwait(false)
                : await UploadWholeAsync(file, purpose, options, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (ChatGptException ex)
        {
            throw UploadFailure.ExplainNotRetried(ex, file);
        }
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<ChatGptFile> ListFilesAsync(FileListOptions? options = null, CancellationToken cancellationToken = default)
    {
        var query = new List<KeyValuePair<string, string>>(3);
        if (options?.Purpose is { Value.Length: > 0 } purpose)
        {
            query.Add(new("purpose", purpose.Value));
        }

        if (options?.PageSize is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit, nameof(options));
            query.Add(new("limit", limit.ToString(CultureInfo.InvariantCulture)));
        }

        if (options is { NewestFirst: false })
        {
            query.Add(new("order", "asc"));
        }

        return CursorPager.EnumerateAsync(_transport, "files", query, options?.After, FilesJsonContext.Default.ListPageChatGptFile, static f => f.Id, "files.list", cancellationToken);
    }

    /// <inheritdoc/>
    public Task<ChatGptFile> GetFileAsync(string fileId, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync(HttpMethod.Get, FileUri(fileId), null, FilesJsonContext.Default.ChatGptFile, _transport.CreateContext("files.retrieve"), cancellationToken);

    /// <inheritdoc/>
    public Task<DeletionResult> DeleteFileAsync(string fileId, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync(HttpMethod.Delete, FileUri(fileId), null, FilesJsonContext.Default.DeletionResult, _transport.CreateContext("files.delete"), cancellationToken);

    /// <inheritdoc/>
    public Task<Stream> DownloadFileAsync(string fileId, CancellationToken cancellationToken = default) =>
        _transport.SendForStreamAsync(HttpMethod.Get, _transport.CreateUri(FilePath(fileId) + "/content"), null, _transport.CreateContext("files.content", isStreaming: true), cancellationToken);

    private async Task<ChatGptFile> UploadWholeAsync(UploadSource file, FilePurpose purpose, FileUploadOptions options, UploadProgressTracker progress, CancellationToken cancellationToken)
    {
        var fields = new List<KeyValuePair<string, string>>(3) { new("purpose", purpose.Value) };
        if (options.ExpiresAfter is { } expiration)
        {
            // Nested form fields the way the official SDKs flatten them.
            fields.Add(new("expires_after[anchor]", expiration.Anchor));
            fields.Add(new("expires_after[seconds]", expiration.Seconds.ToString(CultureInfo.InvariantCulture)));
        }

        var content = MultipartUpload.Create(fields, "file", file, 0, file.Length, progress);
        return await _transport.SendJsonAsync(HttpMethod.Post, _transport.CreateUri("files"), content, FilesJsonContext.Default.ChatGptFile, _transport.CreateContext("files.upload"), cancellationToken).ConfigureAwait(false);
    }

    private async Task<ChatGptFile> UploadInPartsAsync(UploadSource file, FilePurpose purpose, FileUploadOptions options, UploadProgressTracker progress, CancellationToken cancellationToken)
    {
        var length = file.Length!.Value;
        var create = new CreateUploadRequest
        {
            Filename = file.FileName,
            Purpose = purpose.Value,
            Bytes = length,
            MimeType = file.ContentType ?? MimeTypeOf(file.FileName),
            ExpiresAfter = options.ExpiresAfter,
        };
        var upload = await _transport.SendJsonAsync(
            HttpMethod.Post, _transport.CreateUri("uploads"), JsonBody.Create(create, FilesJsonContext.Default.CreateUploadRequest),
            FilesJsonContext.Default.UploadObject, _transport.CreateContext("uploads.create"), cancellationToken).ConfigureAwait(false);
        var uploadPath = "uploads/" + Uri.EscapeDataString(upload.Id);
        try
        {
            var partSize = PartSizeOverride;
            var count = (int)((length + partSize - 1) / partSize);
            var partIds = new string[count];

            // A file is reread in ranges, so parts go in parallel; one stream can only be read in order.
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = file.IsFile ? MaxParallelParts : 1, CancellationToken = cancellationToken };
            await Parallel.ForAsync(0, count, parallel, async (index, token) =>
            {
                var offset = (long)index * partSize;
                var content = MultipartUpload.Create([], "data", file, offset, Math.Min(partSize, length - offset), progress);
                var part = await _transport.SendJsonAsync(
                    HttpMethod.Post, _transport.CreateUri(uploadPath + "/parts"), content, FilesJsonContext.Default.UploadPartObject,
                    _transport.CreateContext("uploads.part"), token).ConfigureAwait(false);
                partIds[index] = part.Id;
            }).ConfigureAwait(false);

            var completed = await _transport.SendJsonAsync(
                HttpMethod.Post, _transport.CreateUri(uploadPath + "/complete"), JsonBody.Create(new CompleteUploadRequest { PartIds = partIds }, FilesJsonContext.Default.CompleteUploadRequest),
                FilesJsonContext.Default.UploadObject, _transport.CreateContext("uploads.complete"), cancellationToken).ConfigureAwait(false);
            return completed.File ?? throw new ChatGptException($"The upload {upload.Id} was completed but the server returned no file (status {completed.Status}).");
        }
        catch (Exception ex) when (ex is ChatGptException or OperationCanceledException)
        {
            await CancelUploadAsync(upload.Id).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Cancels a failed upload so its parts are not kept; best effort (the upload expires anyway after an hour).</summary>
    private async Task CancelUploadAsync(string uploadId)
    {
        try
        {
            await _transport.SendJsonAsync(
                HttpMethod.Post, _transport.CreateUri("uploads/" + Uri.EscapeDataString(uploadId) + "/cancel"), null,
                FilesJsonContext.Default.UploadObject, _transport.CreateContext("uploads.cancel"), CancellationToken.None).ConfigureAwait(false);
        }
        catch (ChatGptException)
        {
            // The original failure is what the caller needs to hear.
        }
    }

    private static string MimeTypeOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".jsonl" => "text/jsonl",
        ".json" => "application/json",
        ".txt" => "text/plain",
        ".csv" => "text/csv",
        ".pdf" => "application/pdf",
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        _ => MultipartUpload.DefaultFileContentType,
    };

    private Uri FileUri(string fileId) => _transport.CreateUri(FilePath(fileId));

    private static string FilePath(string fileId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileId);
        return "files/" + Uri.EscapeDataString(fileId);
    }
}
