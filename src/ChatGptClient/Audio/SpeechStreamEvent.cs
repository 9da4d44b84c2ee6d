using System.Text.Json.Serialization;

namespace ChatGpt.Audio;

/// <summary>One server-sent event of streamed speech: <c>speech.audio.delta</c> (a chunk of audio) or
/// <c>speech.audio.done</c> (the end, with usage).</summary>
public sealed class SpeechStreamEvent
{
    /// <summary>The <see cref="Type"/> of an event carrying audio.</summary>
    public const string DeltaType = "speech.audio.delta";

    /// <summary>The <see cref="Type"/> of the last event.</summary>
    public const string DoneType = "speech.audio.done";

    /// <summary>The event's type (<c>type</c>): <see cref="DeltaType"/> or <see cref="DoneType"/>.</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>Whether this is the <see cref="DoneType"/> event.</summary>
    [JsonIgnore]
    public bool IsDone => Type == DoneType;

    /// <summary>The chunk of audio, decoded from the event's base64 <c>audio</c>; empty for the done event.</summary>
    [JsonIgnore]
    public ReadOnlyMemory<byte> Audio => AudioBytes;

    /// <summary>The tokens billed (done event; <c>usage</c>).</summary>
    public SpeechUsage? Usage { get; set; }

    [JsonInclude]
    [JsonPropertyName("audio")]
    internal byte[] AudioBytes { get; set; } = [];
}
