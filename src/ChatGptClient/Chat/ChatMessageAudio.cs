namespace ChatGpt.Chat;

/// <summary>The audio of an answer, when audio output was requested.</summary>
public sealed class ChatMessageAudio
{
    /// <summary>The id of the audio, used to refer to it in later turns.</summary>
    public required string Id { get; init; }

    /// <summary>The base64-encoded audio, in the requested format.</summary>
    public string? Data { get; init; }

    /// <summary>When the audio stops being available on the server (Unix seconds).</summary>
    public long? ExpiresAt { get; init; }

    /// <summary>The transcript of the audio.</summary>
    public string? Transcript { get; init; }
}
