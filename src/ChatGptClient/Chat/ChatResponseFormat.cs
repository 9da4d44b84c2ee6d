using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChatGpt.Chat.Internal;

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

    /// <summary>
    /// JSON that follows the schema of <typeparamref name="T"/> (structured outputs), built from its
    /// source-generated metadata with <see cref="System.Text.Json.Schema.JsonSchemaExporter"/>. Trim- and AOT-safe.
    /// </summary>
    /// <remarks>
    /// In strict mode every object gets <c>"additionalProperties": false</c> and lists all its properties as
    /// <c>required</c>, as OpenAI requires; express optional values as nullable properties. The root must be an object.
    /// Read the answer back with <see cref="ChatCompletion.GetContent{T}(JsonTypeInfo{T})"/> and the same
    /// <paramref name="typeInfo"/>, so names and converters match.
    /// </remarks>
    /// <typeparam name="T">The type of the answer.</typeparam>
    /// <param name="typeInfo">The type's metadata, e.g. <c>MyJsonContext.Default.WeatherReport</c>.</param>
    /// <param name="name">The schema's name; the type's name when <see langword="null"/>.</param>
    /// <param name="description">What the answer is for.</param>
    /// <param name="strict">Whether the model must follow the schema exactly; <see langword="true"/> by default.</param>
    /// <returns>The format.</returns>
    /// <exception cref="ArgumentException"><paramref name="strict"/> is set and <typeparamref name="T"/> is not serialized as a JSON object.</exception>
    public static ChatResponseFormat ForJsonSchema<T>(JsonTypeInfo<T> typeInfo, string? name = null, string? description = null, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var schema = StrictJsonSchema.Create(typeInfo, strict);
        return ForJsonSchema(name ?? StrictJsonSchema.NameFor(typeof(T)), schema, strict, description);
    }

    /// <summary>
    /// JSON that follows the schema of <typeparamref name="T"/>, with metadata from reflection. Prefer the
    /// <see cref="ForJsonSchema{T}(JsonTypeInfo{T}, string?, string?, bool)"/> overload in trimmed or Native AOT apps.
    /// </summary>
    /// <typeparam name="T">The type of the answer.</typeparam>
    /// <param name="options">The serializer options the answer will be read with; web defaults (camelCase) when <see langword="null"/>.</param>
    /// <param name="name">The schema's name; the type's name when <see langword="null"/>.</param>
    /// <param name="description">What the answer is for.</param>
    /// <param name="strict">Whether the model must follow the schema exactly.</param>
    /// <returns>The format.</returns>
    [RequiresUnreferencedCode("Reflection-based JSON metadata. Use the overload taking a JsonTypeInfo<T> from a source-generated context.")]
    [RequiresDynamicCode("Reflection-based JSON metadata. Use the overload taking a JsonTypeInfo<T> from a source-generated context.")]
    public static ChatResponseFormat ForJsonSchema<T>(JsonSerializerOptions? options = null, string? name = null, string? description = null, bool strict = true) =>
        ForJsonSchema(StructuredOutput.ReflectionTypeInfo<T>(options), name, description, strict);
}
