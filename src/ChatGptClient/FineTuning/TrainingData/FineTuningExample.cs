using ChatGpt.Chat;

namespace ChatGpt.FineTuning.TrainingData;

/// <summary>
/// One line of a chat fine-tuning file: a conversation that ends with the assistant answers the model should learn, and
/// the tools it could call.
/// </summary>
public sealed class FineTuningExample
{
    /// <summary>The conversation, with at least one assistant message.</summary>
    public IList<ChatMessage> Messages { get; set; } = [];

    /// <summary>The tools the assistant could call in this conversation, for tool-calling examples.</summary>
    public IList<ChatTool>? Tools { get; set; }

    /// <summary>Whether the assistant may call several tools at once in this conversation.</summary>
    public bool? ParallelToolCalls { get; set; }

    /// <summary>Creates an example from its messages.</summary>
    /// <param name="messages">The conversation.</param>
    /// <returns>The example.</returns>
    public static FineTuningExample Create(params IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return new FineTuningExample { Messages = [.. messages] };
    }
}
