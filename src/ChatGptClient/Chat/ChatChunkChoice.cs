namespace ChatGpt.Chat;

/// <summary>The delta of one choice in a <see cref="ChatCompletionChunk"/>.</summary>
public sealed class ChatChunkChoice
{
    /// <summary>The index of the choice.</summary>
    public int Index { get; set; }

    /// <summary>What this chunk adds to the choice's message.</summary>
    public ChatMessageDelta? Delta { get; set; }

    /// <summary>Why generation stopped; set in the choice's last chunk.</summary>
    public FinishReason? FinishReason { get; set; }

    /// <summary>The log probabilities of the tokens in this chunk, when requested.</summary>
    public ChatChoiceLogprobs? Logprobs { get; set; }
}
