namespace ChatGpt.Benchmarks.Baseline;

internal sealed class BaselineCompletionRequest
{
    public required string Model { get; init; }

    public required string Prompt { get; init; }

    public int? MaxTokens { get; init; }

    public float? Temperature { get; init; }

    public float? TopP { get; init; }

    public string[]? Stop { get; init; }

    public float? PresencePenalty { get; init; }

    public float? FrequencyPenalty { get; init; }
}
