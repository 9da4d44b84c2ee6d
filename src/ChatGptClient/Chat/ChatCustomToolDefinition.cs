using System.Text.Json;

namespace ChatGpt.Chat;

/// <summary>A custom tool, which takes free-form text input.</summary>
public sealed class ChatCustomToolDefinition
{
    /// <summary>The tool name.</summary>
    public required string Name { get; init; }

    /// <summary>What the tool does.</summary>
    public string? Description { get; init; }

    /// <summary>The input format: <c>{"type":"text"}</c> or <c>{"type":"grammar","grammar":{...}}</c>.</summary>
    public JsonElement? Format { get; init; }
}
