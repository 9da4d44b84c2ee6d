namespace ChatGpt.Audio;

/// <summary>A segment of a transcript with its timing (verbose_json <c>segments</c>, or an srt/vtt cue).</summary>
public sealed class TranscriptionSegment
{
    /// <summary>The segment's index (<c>id</c>).</summary>
    public int Id { get; set; }

    /// <summary>The seek offset (<c>seek</c>).</summary>
    public int Seek { get; set; }

    /// <summary>Where the segment starts, in seconds (<c>start</c>).</summary>
    public double Start { get; set; }

    /// <summary>Where the segment ends, in seconds (<c>end</c>).</summary>
    public double End { get; set; }

    /// <summary>The segment's text (<c>text</c>).</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>The token ids of the text (<c>tokens</c>).</summary>
    public IReadOnlyList<int>? Tokens { get; set; }

    /// <summary>The temperature used for the segment (<c>temperature</c>).</summary>
    public double? Temperature { get; set; }

    /// <summary>The average log probability; below -1 the decoding likely failed (<c>avg_logprob</c>).</summary>
    public double? AvgLogprob { get; set; }

    /// <summary>The compression ratio; above 2.4 the decoding likely failed (<c>compression_ratio</c>).</summary>
    public double? CompressionRatio { get; set; }

    /// <summary>The probability that the segment holds no speech (<c>no_speech_prob</c>).</summary>
    public double? NoSpeechProb { get; set; }
}
