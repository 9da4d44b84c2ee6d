namespace ChatGpt.Chat;

/// <summary>What a chunk adds to a message: some text, a role (first chunk), tool-call fragments or a refusal.</summary>
public sealed class ChatMessageDelta
{
    /// <summary>The role, in the first chunk of a choice.</summary>
    public ChatRole? Role { get; set; }

    /// <summary>The text added.</summary>
    public string? Content { get; set; }

    /// <summary>The refusal text added.</summary>
    public string? Refusal { get; set; }

    /// <summary>Fragments of tool calls, joined by their <see cref="ChatToolCallDelta.Index"/>.</summary>
    public IReadOnlyList<ChatToolCallDelta>? ToolCalls { get; set; }

    /// <summary>A fragment of the legacy function call.</summary>
    public ChatFunctionCallDelta? FunctionCall { get; set; }
}
