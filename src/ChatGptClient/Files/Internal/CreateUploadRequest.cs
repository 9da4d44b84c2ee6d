namespace ChatGpt.Files.Internal;

/// <summary>The body of <c>POST /uploads</c>.</summary>
internal sealed class CreateUploadRequest
{
    public required string Filename { get; init; }

    public required string Purpose { get; init; }

    public required long Bytes { get; init; }

    public required string MimeType { get; init; }

    public FileExpiration? ExpiresAfter { get; init; }
}
