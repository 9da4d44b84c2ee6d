namespace ChatGpt.Audio;

/// <summary>A word of a transcript with its timing (verbose_json <c>words</c>).</summary>
public sealed class TranscriptionWord
{
    /// <summary>The word (<c>word</c>).</summary>
    public string Word { get; set; } = string.Empty;

    /// <summary>Where the word starts, in seconds (<c>start</c>).</summary>
    public double Start { get; set; }

    /// <summary>Where the word ends, in seconds (<c>end</c>).</summary>
    public double End { get; set; }
}
