namespace ChatGpt.Audio;

/// <summary>What a transcription is billed for: tokens (<c>type</c> <c>tokens</c>, the gpt-4o models) or seconds of audio
/// (<c>type</c> <c>duration</c>, whisper-1).</summary>
public sealed class TranscriptionUsage
{
    /// <summary>The kind of usage: <c>tokens</c> or <c>duration</c> (<c>type</c>).</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>The seconds of audio billed (<c>seconds</c>; duration usage).</summary>
    public double? Seconds { get; set; }

    /// <summary>The input tokens billed (<c>input_tokens</c>; token usage).</summary>
    public int? InputTokens { get; set; }

    /// <summary>The input tokens split into text and audio (<c>input_token_details</c>).</summary>
    public TranscriptionInputTokenDetails? InputTokenDetails { get; set; }

    /// <summary>The output tokens generated (<c>output_tokens</c>).</summary>
    public int? OutputTokens { get; set; }

    /// <summary>Input plus output tokens (<c>total_tokens</c>).</summary>
    public int? TotalTokens { get; set; }
}
