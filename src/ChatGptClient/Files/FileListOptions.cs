namespace ChatGpt.Files;

/// <summary>Filters and order of <see cref="IChatGptFilesClient.ListFilesAsync(FileListOptions?, CancellationToken)"/>.</summary>
public sealed class FileListOptions
{
    /// <summary>Only files with this purpose; all when <see langword="null"/>.</summary>
    public FilePurpose? Purpose { get; set; }

    /// <summary>Newest first (<see langword="true"/>, the API's default) or oldest first.</summary>
    public bool NewestFirst { get; set; } = true;

    /// <summary>How many files one page request asks for (<c>limit</c>); the API's default when <see langword="null"/>.</summary>
    public int? PageSize { get; set; }

    /// <summary>Start after the file with this id (<c>after</c>), e.g. to resume a listing.</summary>
    public string? After { get; set; }
}
