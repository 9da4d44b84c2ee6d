namespace ChatGpt.Chat;

/// <summary>Audio output settings, required when <see cref="ChatCompletionRequest.Modalities"/> includes <c>audio</c>.</summary>
public sealed class ChatAudioOptions
{
    /// <summary>The voice, e.g. <c>alloy</c>, <c>ash</c>, <c>coral</c>, <c>sage</c>, <c>verse</c>.</summary>
    public required string Voice { get; set; }

    /// <summary>The format: <c>wav</c>, <c>aac</c>, <c>mp3</c>, <c>flac</c>, <c>opus</c> or <c>pcm16</c>.</summary>
    public required string Format { get; set; }
}
