namespace ChatGpt.Chat;

/// <summary>The audio of an <c>input_audio</c> content part.</summary>
public sealed class ChatInputAudio
{
    /// <summary>The base64-encoded audio.</summary>
    public required string Data { get; init; }

    /// <summary>The format: <c>wav</c> or <c>mp3</c>.</summary>
    public required string Format { get; init; }
}
