namespace ChatGpt.Files.Internal;

/// <summary>An upload of the Uploads API (<c>upload</c> object): created, given parts, then completed into a file.</summary>
internal sealed class UploadObject
{
    public string Id { get; set; } = string.Empty;

    public string? Object { get; set; }

    public long Bytes { get; set; }

    public string? Filename { get; set; }

    public string? Purpose { get; set; }

    public string? Status { get; set; }

    public ChatGptFile? File { get; set; }
}
