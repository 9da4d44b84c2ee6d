namespace ChatGpt.Chat;

/// <summary>A fragment of a function call in a stream.</summary>
public sealed class ChatFunctionCallDelta
{
    /// <summary>The function name, in the first fragment.</summary>
    public string? Name { get; set; }

    /// <summary>A piece of the arguments' JSON text.</summary>
    public string? Arguments { get; set; }
}
