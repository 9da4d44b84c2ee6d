using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.Chat;

/// <summary>Which tool the model should call: <see cref="None"/>, <see cref="Auto"/>, <see cref="Required"/>, or a named one.</summary>
[JsonConverter(typeof(ChatToolChoiceJsonConverter))]
public sealed class ChatToolChoice
{
    private ChatToolChoice(string? mode, string? type, string? name, IList<string>? allowedFunctionNames)
    {
        Mode = mode;
        Type = type;
        Name = name;
        AllowedFunctionNames = allowedFunctionNames;
    }

    /// <summary>The model calls no tool.</summary>
    public static ChatToolChoice None { get; } = new("none", null, null, null);

    /// <summary>The model decides whether to call tools (the default when tools are given).</summary>
    public static ChatToolChoice Auto { get; } = new("auto", null, null, null);

    /// <summary>The model must call one or more tools.</summary>
    public static ChatToolChoice Required { get; } = new("required", null, null, null);

    /// <summary>The mode (<c>none</c>, <c>auto</c>, <c>required</c>), or for <c>allowed_tools</c> its mode (<c>auto</c>, <c>required</c>).</summary>
    public string? Mode { get; }

    /// <summary>The type of a named choice: <c>function</c>, <c>custom</c> or <c>allowed_tools</c>; <see langword="null"/> for a mode.</summary>
    public string? Type { get; }

    /// <summary>The name of the function or custom tool the model must call.</summary>
    public string? Name { get; }

    /// <summary>For <c>allowed_tools</c>: the names of the functions the model may choose from.</summary>
    public IList<string>? AllowedFunctionNames { get; }

    /// <summary>The model must call the named function.</summary>
    /// <param name="functionName">The function name.</param>
    /// <returns>The choice.</returns>
    public static ChatToolChoice ForFunction(string functionName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(functionName);
        return new(null, "function", functionName, null);
    }

    /// <summary>The model must call the named custom tool.</summary>
    /// <param name="toolName">The custom tool's name.</param>
    /// <returns>The choice.</returns>
    public static ChatToolChoice ForCustomTool(string toolName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(toolName);
        return new(null, "custom", toolName, null);
    }

    /// <summary>The model may only use the named functions.</summary>
    /// <param name="functionNames">The functions allowed.</param>
    /// <param name="required">Whether it must call one of them (<c>required</c>) or may answer directly (<c>auto</c>).</param>
    /// <returns>The choice.</returns>
    public static ChatToolChoice ForAllowedFunctions(IEnumerable<string> functionNames, bool required = false)
    {
        ArgumentNullException.ThrowIfNull(functionNames);
        return new(required ? "required" : "auto", "allowed_tools", null, [.. functionNames]);
    }

    /// <summary>Describes the choice.</summary>
    /// <returns>The mode or the named tool.</returns>
    public override string ToString() => Type is null ? Mode ?? string.Empty : $"{Type}:{Name ?? string.Join(',', AllowedFunctionNames ?? [])}";

    internal static ChatToolChoice FromWire(string? mode, string? type, string? name, IList<string>? allowed) => mode switch
    {
        "none" when type is null => None,
        "auto" when type is null => Auto,
        "required" when type is null => Required,
        _ => new(mode, type, name, allowed),
    };
}
