namespace ChatGpt.Chat;

/// <summary>A custom tool, which takes free-form text input.</summary>
public sealed class ChatCustomToolDefinition
{
    /// <summary>The tool name.</summary>
    public required string Name { get; init; }

    /// <summary>What the tool does.</summary>
    public string? Description { get; init; }

    /// <summary>The input format: free text (the default when <see langword="null"/>) or a grammar.</summary>
    public ChatCustomToolFormat? Format { get; init; }
}
