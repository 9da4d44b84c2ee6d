namespace ChatGpt.Audio;

/// <summary>The input tokens of a transcription split by kind (<c>input_token_details</c>).</summary>
public sealed class TranscriptionInputTokenDetails
{
    /// <summary>Text tokens, e.g. of the prompt (<c>text_tokens</c>).</summary>
    public int? TextTokens { get; set; }

    /// <summary>Audio tokens (<c>audio_tokens</c>).</summary>
    public int? AudioTokens { get; set; }
}
