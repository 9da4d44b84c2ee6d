namespace ChatGpt.Chat;

/// <summary>The moderation of a request's input and generated output, when moderated completions were requested.</summary>
public sealed class ChatModeration
{
    /// <summary>The moderation of the input.</summary>
    public ChatModerationOutcome? Input { get; set; }

    /// <summary>The moderation of the output.</summary>
    public ChatModerationOutcome? Output { get; set; }
}
