using System.Diagnostics;
using ChatGpt.Internal;

namespace ChatGpt.Audio;

/// <summary>A request to <c>POST /audio/speech</c>: text in, spoken audio out.</summary>
public sealed class SpeechRequest : IChatGptRequest
{
    /// <summary>The model (<c>model</c>). When <see langword="null"/>, <see cref="SpeechModel.Gpt4oMiniTts"/>.</summary>
    public SpeechModel? Model { get; set; }

    /// <summary>The text to speak, at most 4,096 characters (<c>input</c>).</summary>
    public required string Input { get; set; }

    /// <summary>The voice (<c>voice</c>): a built-in one such as <see cref="SpeechVoice.Alloy"/>, or
    /// <see cref="SpeechVoice.Custom"/>.</summary>
    public required SpeechVoice Voice { get; set; }

    /// <summary>How the voice should sound, at most 4,096 characters (<c>instructions</c>; not for <c>tts-1</c>/<c>tts-1-hd</c>).</summary>
    public string? Instructions { get; set; }

    /// <summary>The audio format (<c>response_format</c>); <see cref="SpeechFormat.Mp3"/> when <see langword="null"/>.</summary>
    public SpeechFormat? ResponseFormat { get; set; }

    /// <summary>The speed, from 0.25 to 4.0 (<c>speed</c>; 1.0 when <see langword="null"/>).</summary>
    public float? Speed { get; set; }

    void IChatGptRequest.SetSpanTags(Activity activity)
    {
        activity.SetTag("gen_ai.request.voice", Voice.Value);
        if (ResponseFormat is { } format)
        {
            activity.SetTag("gen_ai.output.type", format.Value);
        }
    }

    string? IChatGptRequest.DescribeInput() => Input;

    // About four characters a token: the rate limiter only needs the order of magnitude.
    int IChatGptRequest.EstimateTokens(string? model, double tokensAvailable) =>
        ((Input?.Length ?? 0) + (Instructions?.Length ?? 0) + 3) / 4;
}
