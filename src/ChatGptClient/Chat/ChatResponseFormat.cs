using System.Text.Json;

namespace ChatGpt.Chat;

/// <summary>The format the model must answer in: <see cref="Text"/>, <see cref="JsonObject"/> or a JSON Schema (structured outputs).</summary>
public sealed class ChatResponseFormat
{
    /// <summary>The format type: <c>text</c>, <c>json_object</c> or <c>json_schema</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The schema, for <c>json_schema</c>.</summary>
    public ChatJsonSchema? JsonSchema { get; init; }

    /// <summary>Plain text (the default).</summary>
    public static ChatResponseFormat Text { get; } = new() { Type = "text" };

    /// <summary>Any valid JSON object (JSON mode). The prompt must ask for JSON.</summary>
    public static ChatResponseFormat JsonObject { get; } = new() { Type = "json_object" };

    /// <summary>JSON that follows the given schema (structured outputs).</summary>
    /// <param name="name">The schema's name (a-z, A-Z, 0-9, underscores and dashes, at most 64 characters).</param>
    /// <param name="schema">The JSON Schema object.</param>
    /// <param name="strict">Whether the model must follow the schema exactly; <see langword="true"/> by default.</param>
    /// <param name="description">What the answer is for.</param>
    /// <returns>The format.</returns>
    public static ChatResponseFormat ForJsonSchema(string name, JsonElement schema, bool? strict = true, string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new() { Type = "json_schema", JsonSchema = new ChatJsonSchema { Name = name, Schema = schema, Strict = strict, Description = description } };
    }
}
