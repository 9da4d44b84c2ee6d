namespace ChatGpt.Benchmarks.Baseline;

internal sealed class BaselineChunkChoice
{
    public int Index { get; init; }

    public BaselineResponseMessage? Delta { get; init; }

    public string? FinishReason { get; init; }
}
