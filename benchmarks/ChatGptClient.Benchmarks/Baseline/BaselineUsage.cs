namespace ChatGpt.Benchmarks.Baseline;

internal sealed class BaselineUsage
{
    public int PromptTokens { get; set; }

    public int CompletionTokens { get; set; }

    public int TotalTokens { get; set; }
}
