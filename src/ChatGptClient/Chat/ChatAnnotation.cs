namespace ChatGpt.Chat;

/// <summary>An annotation of an answer, such as a URL citation from web search.</summary>
public sealed class ChatAnnotation
{
    /// <summary>The annotation type, e.g. <c>url_citation</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The citation, for <c>url_citation</c> annotations.</summary>
    public ChatUrlCitation? UrlCitation { get; init; }
}
