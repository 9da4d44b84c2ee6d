namespace ChatGpt.Benchmarks.Baseline;

internal sealed class BaselineChoice
{
    public int Index { get; init; }

    public BaselineResponseMessage? Message { get; init; }

    public string? FinishReason { get; init; }
}
