using System.Text.Json;

namespace ChatGpt.Chat;

/// <summary>The JSON Schema of a <c>json_schema</c> response format.</summary>
public sealed class ChatJsonSchema
{
    /// <summary>The schema's name.</summary>
    public required string Name { get; init; }

    /// <summary>What the answer is for.</summary>
    public string? Description { get; init; }

    /// <summary>The JSON Schema object.</summary>
    public JsonElement? Schema { get; init; }

    /// <summary>Whether the model must follow the schema exactly.</summary>
    public bool? Strict { get; init; }
}
