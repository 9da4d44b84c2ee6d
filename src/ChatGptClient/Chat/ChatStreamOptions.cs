namespace ChatGpt.Chat;

/// <summary>Options of a streamed response (sent only by the streaming calls).</summary>
public sealed class ChatStreamOptions
{
    /// <summary>Whether the server sends a last chunk, with empty choices, carrying the usage of the whole request.</summary>
    public bool? IncludeUsage { get; set; }

    /// <summary>Whether the server pads chunks with random <c>obfuscation</c> characters against side-channel attacks.</summary>
    public bool? IncludeObfuscation { get; set; }
}
