namespace ChatGpt.Chat;

/// <summary>The moderation policy of the input and the output.</summary>
public sealed class ChatModerationPolicy
{
    /// <summary>The policy for the request's input.</summary>
    public ChatModerationConfig? Input { get; set; }

    /// <summary>The policy for the generated output.</summary>
    public ChatModerationConfig? Output { get; set; }
}
