namespace ChatGpt.Files.Internal;

/// <summary>The body of <c>POST /uploads/{id}/complete</c>: the parts in the order they make the file.</summary>
internal sealed class CompleteUploadRequest
{
    public required IReadOnlyList<string> PartIds { get; init; }

    public string? Md5 { get; init; }
}
