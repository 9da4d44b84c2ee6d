namespace ChatGpt.Benchmarks.Baseline;

internal sealed class BaselineChunkChoice
{
    public int Index { get; set; }

    public BaselineResponseMessage? Delta { get; set; }

    public string? FinishReason { get; set; }
}
