using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.Chat;

/// <summary>
/// The legacy <c>function_call</c> parameter: <see cref="None"/>, <see cref="Auto"/> or a named function.
/// Deprecated by the API in favour of <see cref="ChatCompletionRequest.ToolChoice"/>; kept for servers that only speak it.
/// </summary>
[JsonConverter(typeof(ChatFunctionChoiceJsonConverter))]
public sealed class ChatFunctionChoice
{
    private ChatFunctionChoice(string? mode, string? functionName)
    {
        Mode = mode;
        FunctionName = functionName;
    }

    /// <summary>The model calls no function.</summary>
    public static ChatFunctionChoice None { get; } = new("none", null);

    /// <summary>The model decides whether to call a function.</summary>
    public static ChatFunctionChoice Auto { get; } = new("auto", null);

    /// <summary>The mode, <c>none</c> or <c>auto</c>; <see langword="null"/> for a named function.</summary>
    public string? Mode { get; }

    /// <summary>The function the model must call; <see langword="null"/> for a mode.</summary>
    public string? FunctionName { get; }

    /// <summary>The model must call the named function.</summary>
    /// <param name="functionName">The function name.</param>
    /// <returns>The choice.</returns>
    public static ChatFunctionChoice ForFunction(string functionName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(functionName);
        return new(null, functionName);
    }

    /// <summary>Describes the choice.</summary>
    /// <returns>The mode or the function name.</returns>
    public override string ToString() => Mode ?? FunctionName ?? string.Empty;

    internal static ChatFunctionChoice FromWire(string? mode, string? functionName) => mode switch
    {
        "none" => None,
        "auto" => Auto,
        _ => new(mode, functionName),
    };
}
