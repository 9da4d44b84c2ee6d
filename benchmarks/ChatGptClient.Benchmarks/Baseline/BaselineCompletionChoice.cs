namespace ChatGpt.Benchmarks.Baseline;

internal sealed class BaselineCompletionChoice
{
    public string? Text { get; set; }

    public int Index { get; set; }

    public string? FinishReason { get; set; }
}
