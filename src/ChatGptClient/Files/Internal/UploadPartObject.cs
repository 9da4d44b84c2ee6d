namespace ChatGpt.Files.Internal;

/// <summary>A part added to an upload (<c>upload.part</c> object); its id goes into the completion's <c>part_ids</c>.</summary>
internal sealed class UploadPartObject
{
    public string Id { get; set; } = string.Empty;

    public string? Object { get; set; }

    public string? UploadId { get; set; }
}
