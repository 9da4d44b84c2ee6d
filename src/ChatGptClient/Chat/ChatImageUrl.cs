namespace ChatGpt.Chat;

/// <summary>The image of an <c>image_url</c> content part.</summary>
public sealed class ChatImageUrl
{
    /// <summary>An https URL or a base64 <c>data:</c> URI.</summary>
    public required string Url { get; init; }

    /// <summary>The detail level: <c>auto</c>, <c>low</c> or <c>high</c>; a string converts to it implicitly.</summary>
    public ChatImageDetail? Detail { get; init; }
}
