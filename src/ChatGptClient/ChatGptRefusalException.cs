namespace ChatGpt;

/// <summary>
/// The model declined to answer (the message's <c>refusal</c> field is set), so there is no structured content to read.
/// Thrown by <see cref="Chat.ChatCompletion.GetContent{T}(System.Text.Json.Serialization.Metadata.JsonTypeInfo{T})"/>.
/// </summary>
/// <remarks>A refusal is an answer, not a failed call: show <see cref="Refusal"/> to the user or rephrase the request;
/// retrying the same request usually gets the same refusal. Check <see cref="Chat.ChatCompletion.Refusal"/> first to
/// avoid the exception.</remarks>
public sealed class ChatGptRefusalException : ChatGptException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="refusal">The model's refusal text.</param>
    public ChatGptRefusalException(string refusal)
        : base($"The model refused to answer: {refusal}")
    {
        Refusal = refusal;
    }

    /// <summary>The model's refusal text.</summary>
    public string Refusal { get; }
}
