namespace ChatGpt.Chat;

/// <summary>How one side (input or output) is moderated.</summary>
public sealed class ChatModerationConfig
{
    /// <summary><c>score</c> (only report the scores) or <c>block</c> (stop flagged content).</summary>
    public required string Mode { get; set; }
}
