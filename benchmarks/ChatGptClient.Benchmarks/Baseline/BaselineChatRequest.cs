namespace ChatGpt.Benchmarks.Baseline;

internal sealed class BaselineChatRequest
{
    public required string Model { get; set; }

    public required BaselineMessage[] Messages { get; set; }

    public int? MaxTokens { get; set; }

    public float? Temperature { get; set; }

    public float? TopP { get; set; }

    public string[]? Stop { get; set; }

    public float? PresencePenalty { get; set; }

    public float? FrequencyPenalty { get; set; }

    public bool? Stream { get; set; }

    public BaselineStreamOptions? StreamOptions { get; set; }
}
