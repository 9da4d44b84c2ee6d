using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChatGpt.Chat.Internal;

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

    /// <summary>
    /// Creates a function tool whose parameters are the properties of <typeparamref name="TArguments"/>, with the schema
    /// built from its source-generated metadata (trim- and AOT-safe). Read the model's arguments back with
    /// <see cref="ChatFunctionCall.GetArguments{T}(JsonTypeInfo{T})"/> and the same metadata.
    /// </summary>
    /// <typeparam name="TArguments">A class or record whose properties are the parameters.</typeparam>
    /// <param name="name">The function name.</param>
    /// <param name="description">What the function does.</param>
    /// <param name="argumentsTypeInfo">The arguments type's metadata, e.g. <c>MyJsonContext.Default.WeatherQuery</c>.</param>
    /// <param name="strict">Whether the model must follow the schema exactly; <see langword="true"/> by default, which
    /// closes every object and makes every property required (express optional parameters as nullable ones).</param>
    /// <returns>The tool.</returns>
    /// <exception cref="ArgumentException"><typeparamref name="TArguments"/> is not serialized as a JSON object.</exception>
    public static ChatTool CreateFunction<TArguments>(string name, string? description, JsonTypeInfo<TArguments> argumentsTypeInfo, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(argumentsTypeInfo);
        return CreateFunction(name, description, StrictJsonSchema.Create(argumentsTypeInfo, strict, requireObject: true), strict);
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
