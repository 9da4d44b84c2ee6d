using System.Globalization;

namespace ChatGpt.Audio;

/// <summary>How the server cuts the audio into chunks before transcribing (<c>chunking_strategy</c>): <see cref="Auto"/>, or
/// server-side voice activity detection with explicit settings (<see cref="ServerVad"/>). Unset, the audio is one block.</summary>
public sealed class TranscriptionChunkingStrategy
{
    private TranscriptionChunkingStrategy(bool isAuto, int? prefixPaddingMs, int? silenceDurationMs, double? threshold)
    {
        IsAuto = isAuto;
        PrefixPaddingMs = prefixPaddingMs;
        SilenceDurationMs = silenceDurationMs;
        Threshold = threshold;
    }

    /// <summary><c>"auto"</c>: the server normalises loudness and picks boundaries with voice activity detection.</summary>
    public static TranscriptionChunkingStrategy Auto { get; } = new(true, null, null, null);

    /// <summary>Whether this is <see cref="Auto"/> (otherwise a <c>server_vad</c> object).</summary>
    public bool IsAuto { get; }

    /// <summary>Audio kept before detected speech, in milliseconds (<c>prefix_padding_ms</c>; the API's default is 300).</summary>
    public int? PrefixPaddingMs { get; }

    /// <summary>The silence that ends speech, in milliseconds (<c>silence_duration_ms</c>; the API's default is 200).</summary>
    public int? SilenceDurationMs { get; }

    /// <summary>The detection threshold from 0 to 1 (<c>threshold</c>; the API's default is 0.5).</summary>
    public double? Threshold { get; }

    /// <summary>Server-side voice activity detection with explicit settings (<c>{"type": "server_vad", ...}</c>); a
    /// <see langword="null"/> setting is left to the API's default.</summary>
    /// <param name="prefixPaddingMs">Audio kept before detected speech, in milliseconds.</param>
    /// <param name="silenceDurationMs">The silence that ends speech, in milliseconds.</param>
    /// <param name="threshold">The detection threshold, from 0 to 1.</param>
    /// <returns>The strategy.</returns>
    public static TranscriptionChunkingStrategy ServerVad(int? prefixPaddingMs = null, int? silenceDurationMs = null, double? threshold = null)
    {
        if (prefixPaddingMs is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(prefixPaddingMs), prefixPaddingMs, "The prefix padding cannot be negative.");
        }

        if (silenceDurationMs is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(silenceDurationMs), silenceDurationMs, "The silence duration cannot be negative.");
        }

        if (threshold is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold is between 0 and 1.");
        }

        return new(false, prefixPaddingMs, silenceDurationMs, threshold);
    }

    /// <summary>The form value: <c>auto</c>, or the <c>server_vad</c> object as JSON (multipart has no nested fields).</summary>
    /// <returns>The wire form.</returns>
    public override string ToString()
    {
        if (IsAuto)
        {
            return "auto";
        }

        var builder = new System.Text.StringBuilder("{\"type\":\"server_vad\"");
        if (PrefixPaddingMs is int padding)
        {
            builder.Append(CultureInfo.InvariantCulture, $",\"prefix_padding_ms\":{padding}");
        }

        if (SilenceDurationMs is int silence)
        {
            builder.Append(CultureInfo.InvariantCulture, $",\"silence_duration_ms\":{silence}");
        }

        if (Threshold is double threshold)
        {
            builder.Append(",\"threshold\":").Append(threshold.ToString("R", CultureInfo.InvariantCulture));
        }

        return builder.Append('}').ToString();
    }
}
