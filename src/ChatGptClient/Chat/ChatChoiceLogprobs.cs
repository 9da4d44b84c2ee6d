namespace ChatGpt.Chat;

/// <summary>The log probabilities of a choice's content and refusal tokens.</summary>
public sealed class ChatChoiceLogprobs
{
    /// <summary>The content tokens with their log probabilities.</summary>
    public IReadOnlyList<ChatTokenLogprob>? Content { get; set; }

    /// <summary>The refusal tokens with their log probabilities.</summary>
    public IReadOnlyList<ChatTokenLogprob>? Refusal { get; set; }
}
