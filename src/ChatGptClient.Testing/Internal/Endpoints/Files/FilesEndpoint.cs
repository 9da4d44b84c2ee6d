using System.Globalization;

namespace ChatGpt.Testing.Internal;

/// <summary><c>/v1/files</c>: upload (multipart, streamed), list (cursor-paged), retrieve, delete and download content.</summary>
internal sealed class FilesEndpoint : EmulatorEndpoint
{
    private static readonly EmulatorRoute s_upload = new("POST", "/v1/files", RequestBodyKind.Stream);
    private static readonly EmulatorRoute s_list = new("GET", "/v1/files");
    private static readonly EmulatorRoute s_retrieve = new("GET", "/v1/files/{file_id}");
    private static readonly EmulatorRoute s_delete = new("DELETE", "/v1/files/{file_id}");
    private static readonly EmulatorRoute s_content = new("GET", "/v1/files/{file_id}/content");

    public FilesEndpoint(ChatGptEmulator emulator)
        : base(emulator)
    {
    }

    public override IReadOnlyList<EmulatorRoute> Routes { get; } = [s_upload, s_list, s_retrieve, s_delete, s_content];

    public override async ValueTask<ResponsePlan> HandleAsync(EndpointRequest request, CancellationToken cancellationToken)
    {
        var store = Emulator.FileStore;
        if (request.Route == s_upload)
        {
            return ResponsePlan.Json(200, FilesResponseWriter.File(await UploadAsync(request, cancellationToken).ConfigureAwait(false)));
        }

        if (request.Route == s_list)
        {
            return List(request, store);
        }

        var id = request.RouteValue("file_id");
        if (request.Route == s_retrieve)
        {
            return ResponsePlan.Json(200, FilesResponseWriter.File(store.Get(id)));
        }

        if (request.Route == s_delete)
        {
            return store.Remove(id) ? ResponsePlan.Json(200, FilesResponseWriter.Deleted(id, "file")) : throw EmulatorFileStore.NotFound(id);
        }

        var file = store.Get(id);
        var content = file.Content ?? throw ApiErrorException.Invalid(
            $"The emulator did not keep the content of {id} ({file.Bytes} bytes): it keeps files up to ChatGptEmulator.MaxStoredFileBytes ({Emulator.MaxStoredFileBytes} bytes).", "file_id", "content_not_retained");
        return ResponsePlan.Chunked(200, "application/octet-stream", _ => Chunks(content), content.Length);
    }

    private async Task<StoredFile> UploadAsync(EndpointRequest request, CancellationToken cancellationToken)
    {
        var limit = Emulator.MaxFileBytes;
        var form = await MultipartForm.ReadAsync(request, "file", limit, Emulator.MaxStoredFileBytes, bytes => FilePurposes.TooLarge(bytes, limit), cancellationToken).ConfigureAwait(false);
        if (!form.HasFile)
        {
            throw ApiErrorException.Invalid("Missing required parameter: 'file'.", "file", "missing_required_parameter");
        }

        form.Fields.TryGetValue("purpose", out var purpose);
        FilePurposes.Check(purpose, FilePurposes.Upload);
        FilePurposes.CheckFileName(purpose!, form.FileName!);
        foreach (var name in form.Fields.Keys)
        {
            if (name is not ("purpose" or "expires_after[anchor]" or "expires_after[seconds]") && !Emulator.AllowUnknownParameters)
            {
                throw ApiErrorException.Invalid($"Unrecognized request argument supplied: {name}", name, "unknown_parameter");
            }
        }

        var created = request.ReceivedAt.ToUnixTimeSeconds();
        form.Fields.TryGetValue("expires_after[anchor]", out var anchor);
        form.Fields.TryGetValue("expires_after[seconds]", out var seconds);
        var file = new StoredFile
        {
            Id = EmulatorIds.ObjectId("file-", request.Sequence),
            Filename = form.FileName!,
            Purpose = purpose!,
            Bytes = form.FileLength,
            CreatedAt = created,
            ExpiresAt = FilePurposes.ExpiresAt(anchor, seconds, created),
            Content = form.FileContent,
        };
        Emulator.FileStore.Add(file);
        return file;
    }

    private static ResponsePlan List(EndpointRequest request, EmulatorFileStore store)
    {
        IEnumerable<StoredFile> files = store.Snapshot();
        if (request.Query("purpose") is { Length: > 0 } purpose)
        {
            files = files.Where(f => f.Purpose == purpose);
        }

        var ascending = request.Query("order") switch
        {
            null or "desc" => false,
            "asc" => true,
            var order => throw ApiErrorException.Invalid($"Invalid value for 'order': expected 'asc' or 'desc', got '{order}'.", "order", "invalid_value"),
        };
        var ordered = (ascending ? files : files.Reverse()).ToList();
        return ResponsePlan.Json(200, Page(request, ordered, f => f.Id, 10_000, (page, more) => FilesResponseWriter.List(page, more)));
    }

    /// <summary>A cursor page: the items after <c>after</c>, at most <c>limit</c> of them.</summary>
    internal static byte[] Page<T>(EndpointRequest request, List<T> ordered, Func<T, string> idOf, int defaultLimit, Func<List<T>, bool, byte[]> write)
    {
        var limit = defaultLimit;
        if (request.Query("limit") is { } text && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > 10_000))
        {
            throw ApiErrorException.Invalid($"Invalid value for 'limit': must be an integer between 1 and 10000, got '{text}'.", "limit", "invalid_value");
        }

        var start = 0;
        if (request.Query("after") is { Length: > 0 } after)
        {
            var index = ordered.FindIndex(item => idOf(item) == after);
            start = index < 0 ? ordered.Count : index + 1;
        }

        var page = ordered.Skip(start).Take(limit).ToList();
        return write(page, start + page.Count < ordered.Count);
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> Chunks(byte[] content)
    {
        const int ChunkSize = 64 * 1024;
        for (var offset = 0; offset < content.Length; offset += ChunkSize)
        {
            yield return content.AsMemory(offset, Math.Min(ChunkSize, content.Length - offset));
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
