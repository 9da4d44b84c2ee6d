namespace ChatGpt.Benchmarks.Baseline;

internal sealed class BaselineCompletionChoice
{
    public string? Text { get; init; }

    public int Index { get; init; }

    public string? FinishReason { get; init; }
}
