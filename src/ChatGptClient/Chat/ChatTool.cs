using System.Text.Json;

namespace ChatGpt.Chat;

/// <summary>A tool the model may call: a function with a JSON-schema for its parameters, or a custom tool.</summary>
public sealed class ChatTool
{
    /// <summary>The tool type: <c>function</c> or <c>custom</c>.</summary>
    public string Type { get; init; } = "function";

    /// <summary>The function, for <c>function</c> tools.</summary>
    public ChatFunctionDefinition? Function { get; init; }

    /// <summary>The custom tool, for <c>custom</c> tools.</summary>
    public ChatCustomToolDefinition? Custom { get; init; }

    /// <summary>Creates a function tool.</summary>
    /// <param name="name">The function name (a-z, A-Z, 0-9, underscores and dashes, at most 64 characters).</param>
    /// <param name="description">What the function does, so the model knows when to call it.</param>
    /// <param name="parameters">The parameters as a JSON Schema object; <see langword="null"/> for none.</param>
    /// <param name="strict">Whether the model must follow the schema exactly (structured outputs).</param>
    /// <returns>The tool.</returns>
    public static ChatTool CreateFunction(string name, string? description = null, JsonElement? parameters = null, bool? strict = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new() { Function = new ChatFunctionDefinition { Name = name, Description = description, Parameters = parameters, Strict = strict } };
    }

    /// <summary>Creates a function tool with its parameters' JSON Schema given as text.</summary>
    /// <param name="name">The function name.</param>
    /// <param name="description">What the function does.</param>
    /// <param name="parametersJsonSchema">The parameters as a JSON Schema object, in text.</param>
    /// <param name="strict">Whether the model must follow the schema exactly.</param>
    /// <returns>The tool.</returns>
    public static ChatTool CreateFunction(string name, string? description, string parametersJsonSchema, bool? strict = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(parametersJsonSchema);
        using var document = JsonDocument.Parse(parametersJsonSchema);
        return CreateFunction(name, description, document.RootElement.Clone(), strict);
    }

    /// <summary>Creates a custom tool, which takes free-form text input.</summary>
    /// <param name="name">The tool name.</param>
    /// <param name="description">What the tool does.</param>
    /// <param name="format">The input format (<see cref="ChatCustomToolFormat.Text"/> or a grammar); <see langword="null"/> for free text.</param>
    /// <returns>The tool.</returns>
    public static ChatTool CreateCustom(string name, string? description = null, ChatCustomToolFormat? format = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new() { Type = "custom", Custom = new ChatCustomToolDefinition { Name = name, Description = description, Format = format } };
    }
}
