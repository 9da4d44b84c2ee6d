namespace ChatGpt.Chat;

/// <summary>The audio of an answer, when audio output was requested.</summary>
public sealed class ChatMessageAudio
{
    /// <summary>The id of the audio, used to refer to it in later turns.</summary>
    public required string Id { get; set; }

    /// <summary>The base64-encoded audio, in the requested format.</summary>
    public string? Data { get; set; }

    /// <summary>When the audio stops being available on the server (Unix seconds).</summary>
    public long? ExpiresAt { get; set; }

    /// <summary>The transcript of the audio.</summary>
    public string? Transcript { get; set; }
}
