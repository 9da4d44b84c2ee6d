using System.Text.Json;

namespace ChatGpt.Chat;

/// <summary>A function the model may call.</summary>
public sealed class ChatFunctionDefinition
{
    /// <summary>The function name.</summary>
    public required string Name { get; set; }

    /// <summary>What the function does, so the model knows when and how to call it.</summary>
    public string? Description { get; set; }

    /// <summary>The parameters as a JSON Schema object.</summary>
    public JsonElement? Parameters { get; set; }

    /// <summary>Whether the model must follow <see cref="Parameters"/> exactly.</summary>
    public bool? Strict { get; set; }
}
