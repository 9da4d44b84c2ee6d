namespace ChatGpt.Chat;

/// <summary>A fragment of a tool call in a stream: the first carries the id and name, later ones pieces of the arguments.</summary>
public sealed class ChatToolCallDelta
{
    /// <summary>Which tool call of the message the fragment belongs to.</summary>
    public int Index { get; set; }

    /// <summary>The id of the call, in its first fragment.</summary>
    public string? Id { get; set; }

    /// <summary>The tool type, in its first fragment.</summary>
    public string? Type { get; set; }

    /// <summary>The function's name (first fragment) or a piece of its arguments.</summary>
    public ChatFunctionCallDelta? Function { get; set; }
}
