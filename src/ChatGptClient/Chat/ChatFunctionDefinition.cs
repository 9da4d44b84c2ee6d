using System.Text.Json;

namespace ChatGpt.Chat;

/// <summary>A function the model may call.</summary>
public sealed class ChatFunctionDefinition
{
    /// <summary>The function name.</summary>
    public required string Name { get; init; }

    /// <summary>What the function does, so the model knows when and how to call it.</summary>
    public string? Description { get; init; }

    /// <summary>The parameters as a JSON Schema object.</summary>
    public JsonElement? Parameters { get; init; }

    /// <summary>Whether the model must follow <see cref="Parameters"/> exactly.</summary>
    public bool? Strict { get; init; }
}
