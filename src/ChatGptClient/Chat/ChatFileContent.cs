namespace ChatGpt.Chat;

/// <summary>The file of a <c>file</c> content part: an uploaded file's id, or the data inline.</summary>
public sealed class ChatFileContent
{
    /// <summary>The base64-encoded file data.</summary>
    public string? FileData { get; init; }

    /// <summary>The id of an uploaded file.</summary>
    public string? FileId { get; init; }

    /// <summary>The file name, used with <see cref="FileData"/>.</summary>
    public string? Filename { get; init; }
}
