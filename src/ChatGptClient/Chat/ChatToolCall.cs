namespace ChatGpt.Chat;

/// <summary>A tool call made by the model in an assistant message.</summary>
public sealed class ChatToolCall
{
    /// <summary>The id of the call, echoed back in the tool message that answers it.</summary>
    public required string Id { get; init; }

    /// <summary>The tool type: <c>function</c> (or <c>custom</c>).</summary>
    public string Type { get; init; } = "function";

    /// <summary>The function called, for <c>function</c> calls.</summary>
    public ChatFunctionCall? Function { get; init; }

    /// <summary>The custom tool called, for <c>custom</c> calls.</summary>
    public ChatCustomToolCall? Custom { get; init; }

    /// <summary>Creates a function call.</summary>
    /// <param name="id">The call id.</param>
    /// <param name="name">The function name.</param>
    /// <param name="arguments">The arguments as JSON text.</param>
    /// <returns>The call.</returns>
    public static ChatToolCall CreateFunctionCall(string id, string name, string arguments) =>
        new() { Id = id, Function = new ChatFunctionCall { Name = name, Arguments = arguments } };
}
