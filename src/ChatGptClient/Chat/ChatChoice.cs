namespace ChatGpt.Chat;

/// <summary>One choice of a <see cref="ChatCompletion"/>.</summary>
public sealed class ChatChoice
{
    /// <summary>The index of the choice.</summary>
    public int Index { get; set; }

    // Created only when the server sent no message: an initializer would allocate one per choice, then be replaced.
    private ChatMessage? _message;

    /// <summary>The message generated, ready to be appended to the conversation.</summary>
    public ChatMessage Message
    {
        get => _message ??= new() { Role = ChatRole.Assistant };
        set => _message = value;
    }

    /// <summary>Why generation stopped: <c>stop</c>, <c>length</c>, <c>tool_calls</c>, <c>content_filter</c> or <c>function_call</c>.</summary>
    public FinishReason? FinishReason { get; set; }

    /// <summary>The log probabilities of the output tokens, when requested.</summary>
    public ChatChoiceLogprobs? Logprobs { get; set; }
}
