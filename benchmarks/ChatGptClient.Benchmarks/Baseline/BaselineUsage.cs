namespace ChatGpt.Benchmarks.Baseline;

internal sealed class BaselineUsage
{
    public int PromptTokens { get; init; }

    public int CompletionTokens { get; init; }

    public int TotalTokens { get; init; }
}
