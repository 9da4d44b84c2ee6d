namespace ChatGpt.Chat;

/// <summary>A URL cited by an answer.</summary>
public sealed class ChatUrlCitation
{
    /// <summary>The index of the first character of the citation in the message.</summary>
    public int StartIndex { get; init; }

    /// <summary>The index after the last character of the citation in the message.</summary>
    public int EndIndex { get; init; }

    /// <summary>The URL.</summary>
    public required string Url { get; init; }

    /// <summary>The title of the page.</summary>
    public string? Title { get; init; }
}
