namespace ChatGpt.Audio;

/// <summary>The tokens billed for streamed speech (<c>usage</c> of <c>speech.audio.done</c>).</summary>
public sealed class SpeechUsage
{
    /// <summary>The input tokens (<c>input_tokens</c>).</summary>
    public int InputTokens { get; set; }

    /// <summary>The output tokens (<c>output_tokens</c>).</summary>
    public int OutputTokens { get; set; }

    /// <summary>Input plus output tokens (<c>total_tokens</c>).</summary>
    public int TotalTokens { get; set; }
}
