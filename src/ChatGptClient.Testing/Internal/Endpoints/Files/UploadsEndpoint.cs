using System.Globalization;
using System.Text.Json;

namespace ChatGpt.Testing.Internal;

/// <summary>
/// <c>/v1/uploads</c>: create an upload of a declared size, add parts of up to 64 MB (streamed), complete it with the
/// part order (the parts must add up to the declared size) into a file, or cancel it.
/// </summary>
internal sealed class UploadsEndpoint : EmulatorEndpoint
{
    /// <summary>The API's limits: 8 GB per upload, 64 MB per part.</summary>
    public const long MaxUploadBytes = 8L * 1024 * 1024 * 1024;
    public const long MaxPartBytes = 64L * 1024 * 1024;

    /// <summary>The purposes the Uploads API takes (fewer than <c>/files</c>).</summary>
    private static readonly string[] s_purposes = ["assistants", "batch", "fine-tune", "vision"];
    private static readonly EmulatorRoute s_create = new("POST", "/v1/uploads", RequestBodyKind.Json);
    private static readonly EmulatorRoute s_part = new("POST", "/v1/uploads/{upload_id}/parts", RequestBodyKind.Stream);
    private static readonly EmulatorRoute s_complete = new("POST", "/v1/uploads/{upload_id}/complete", RequestBodyKind.Json);
    private static readonly EmulatorRoute s_cancel = new("POST", "/v1/uploads/{upload_id}/cancel");

    private readonly Lock _gate = new();
    private readonly Dictionary<string, EmulatorUpload> _uploads = new(StringComparer.Ordinal);

    public UploadsEndpoint(ChatGptEmulator emulator)
        : base(emulator)
    {
    }

    public override IReadOnlyList<EmulatorRoute> Routes { get; } = [s_create, s_part, s_complete, s_cancel];

    public override async ValueTask<ResponsePlan> HandleAsync(EndpointRequest request, CancellationToken cancellationToken)
    {
        if (request.Route == s_create)
        {
            return ResponsePlan.Json(200, Write(Create(request)));
        }

        var upload = Find(request.RouteValue("upload_id"));
        if (request.Route == s_part)
        {
            return await AddPartAsync(request, upload, cancellationToken).ConfigureAwait(false);
        }

        lock (_gate)
        {
            if (upload.Status != "pending")
            {
                throw ApiErrorException.Invalid($"Upload {upload.Id} is already {upload.Status}.", null, "upload_not_pending");
            }

            if (request.Route == s_cancel)
            {
                upload.Status = "cancelled";
                return ResponsePlan.Json(200, Write(upload));
            }

            Complete(request, upload);
            return ResponsePlan.Json(200, Write(upload));
        }
    }

    private EmulatorUpload Create(EndpointRequest request)
    {
        var body = request.Json;
        foreach (var property in body.EnumerateObject())
        {
            if (property.Name is not ("filename" or "purpose" or "bytes" or "mime_type" or "expires_after") && !Emulator.AllowUnknownParameters)
            {
                throw ApiErrorException.Invalid($"Unrecognized request argument supplied: {property.Name}", property.Name, "unknown_parameter");
            }
        }

        var filename = RequiredString(body, "filename");
        var purpose = RequiredString(body, "purpose");
        RequiredString(body, "mime_type");
        FilePurposes.Check(purpose, s_purposes);
        FilePurposes.CheckFileName(purpose, filename);
        if (!body.TryGetProperty("bytes", out var bytesElement) || !bytesElement.TryGetInt64(out var bytes) || bytes < 0)
        {
            throw ApiErrorException.Invalid("Missing or invalid required parameter: 'bytes'.", "bytes", "missing_required_parameter");
        }

        if (bytes > MaxUploadBytes)
        {
            throw FilePurposes.TooLarge(bytes, MaxUploadBytes);
        }

        var created = request.ReceivedAt.ToUnixTimeSeconds();
        long? fileExpires = null;
        if (body.TryGetProperty("expires_after", out var expires) && expires.ValueKind == JsonValueKind.Object)
        {
            var anchor = expires.TryGetProperty("anchor", out var a) ? a.GetString() : null;
            var seconds = expires.TryGetProperty("seconds", out var s) ? s.GetRawText() : null;
            fileExpires = FilePurposes.ExpiresAt(anchor, seconds, created);
        }

        var upload = new EmulatorUpload
        {
            Id = EmulatorIds.ObjectId("upload_", request.Sequence),
            Filename = filename,
            Purpose = purpose,
            Bytes = bytes,
            CreatedAt = created,
            ExpiresAt = created + 3600,
            FileExpiresAt = fileExpires,
        };
        lock (_gate)
        {
            _uploads[upload.Id] = upload;
        }

        return upload;
    }

    private async Task<ResponsePlan> AddPartAsync(EndpointRequest request, EmulatorUpload upload, CancellationToken cancellationToken)
    {
        // Parts are kept only while the whole upload fits the emulator's bound.
        var keep = upload.Bytes <= Emulator.MaxStoredFileBytes ? MaxPartBytes : 0;
        var form = await MultipartForm.ReadAsync(request, "data", MaxPartBytes, keep, bytes => FilePurposes.TooLarge(bytes, MaxPartBytes), cancellationToken).ConfigureAwait(false);
        if (!form.HasFile)
        {
            throw ApiErrorException.Invalid("Missing required parameter: 'data'.", "data", "missing_required_parameter");
        }

        var id = EmulatorIds.ObjectId("part_", request.Sequence);
        lock (_gate)
        {
            if (upload.Status != "pending")
            {
                throw ApiErrorException.Invalid($"Upload {upload.Id} is already {upload.Status}.", null, "upload_not_pending");
            }

            upload.Parts[id] = (form.FileLength, form.FileContent);
        }

        return ResponsePlan.Json(200, ResponseWriter.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("object", "upload.part");
            w.WriteNumber("created_at", request.ReceivedAt.ToUnixTimeSeconds());
            w.WriteString("upload_id", upload.Id);
            w.WriteEndObject();
        }));
    }

    private void Complete(EndpointRequest request, EmulatorUpload upload)
    {
        var body = request.Json;
        if (!body.TryGetProperty("part_ids", out var ids) || ids.ValueKind != JsonValueKind.Array)
        {
            throw ApiErrorException.Invalid("Missing required parameter: 'part_ids'.", "part_ids", "missing_required_parameter");
        }

        var parts = new List<(long Length, byte[]? Content)>();
        foreach (var element in ids.EnumerateArray())
        {
            var id = element.GetString() ?? string.Empty;
            if (!upload.Parts.TryGetValue(id, out var part))
            {
                throw ApiErrorException.Invalid($"Part {id} does not belong to upload {upload.Id}.", "part_ids", "invalid_part_id");
            }

            parts.Add(part);
        }

        var total = parts.Sum(p => p.Length);
        if (total != upload.Bytes)
        {
            throw ApiErrorException.Invalid(
                string.Create(CultureInfo.InvariantCulture, $"The parts add up to {total} bytes, but the upload was created for {upload.Bytes} bytes."), "part_ids", "upload_size_mismatch");
        }

        byte[]? content = null;
        if (parts.TrueForAll(p => p.Content is not null) && total <= Emulator.MaxStoredFileBytes)
        {
            content = new byte[total];
            var offset = 0;
            foreach (var part in parts)
            {
                part.Content!.CopyTo(content, offset);
                offset += part.Content.Length;
            }
        }

        var file = new StoredFile
        {
            Id = EmulatorIds.ObjectId("file-", request.Sequence),
            Filename = upload.Filename,
            Purpose = upload.Purpose,
            Bytes = total,
            CreatedAt = request.ReceivedAt.ToUnixTimeSeconds(),
            ExpiresAt = upload.FileExpiresAt,
            Content = content,
        };
        Emulator.FileStore.Add(file);
        upload.File = file;
        upload.Status = "completed";
        upload.Parts.Clear();
    }

    private EmulatorUpload Find(string id)
    {
        lock (_gate)
        {
            return _uploads.TryGetValue(id, out var upload) ? upload : throw new ApiErrorException(404, $"No such Upload object: {id}", "invalid_request_error", "upload_id");
        }
    }

    private static string RequiredString(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw ApiErrorException.Invalid($"Missing required parameter: '{name}'.", name, "missing_required_parameter");

    private static byte[] Write(EmulatorUpload upload) => ResponseWriter.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", upload.Id);
        w.WriteString("object", "upload");
        w.WriteNumber("bytes", upload.Bytes);
        w.WriteNumber("created_at", upload.CreatedAt);
        w.WriteString("filename", upload.Filename);
        w.WriteString("purpose", upload.Purpose);
        w.WriteString("status", upload.Status);
        w.WriteNumber("expires_at", upload.ExpiresAt);
        if (upload.File is { } file)
        {
            w.WritePropertyName("file");
            FilesResponseWriter.WriteFile(w, file);
        }
        else
        {
            w.WriteNull("file");
        }

        w.WriteEndObject();
    });
}
