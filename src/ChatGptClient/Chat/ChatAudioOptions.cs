using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.Chat;

/// <summary>Audio output settings, required when <see cref="ChatCompletionRequest.Modalities"/> includes <c>audio</c>.</summary>
public sealed class ChatAudioOptions
{
    /// <summary>A built-in voice, e.g. <c>alloy</c>, <c>ash</c>, <c>ballad</c>, <c>coral</c>, <c>echo</c>, <c>sage</c>, <c>shimmer</c>, <c>verse</c>, <c>marin</c>, <c>cedar</c>.</summary>
    [JsonIgnore]
    public string? Voice { get; set; }

    /// <summary>A custom voice's id (e.g. <c>voice_1234</c>), sent as <c>{"id": ...}</c> instead of <see cref="Voice"/> when set.</summary>
    [JsonIgnore]
    public string? CustomVoiceId { get; set; }

    /// <summary>The format: <c>wav</c>, <c>aac</c>, <c>mp3</c>, <c>flac</c>, <c>opus</c> or <c>pcm16</c>.</summary>
    public required string Format { get; set; }

    /// <summary>The <c>voice</c> field as it is on the wire: a name or an object with a custom voice's id.</summary>
    [JsonInclude]
    [JsonPropertyName("voice")]
    [JsonConverter(typeof(AudioVoiceJsonConverter))]
    internal AudioVoice? WireVoice
    {
        get => CustomVoiceId is not null ? new AudioVoice(null, CustomVoiceId) : Voice is not null ? new AudioVoice(Voice, null) : null;
        set
        {
            Voice = value?.Name;
            CustomVoiceId = value?.Id;
        }
    }
}
