namespace ChatGpt.Benchmarks.Baseline;

internal sealed class BaselineChoice
{
    public int Index { get; set; }

    public BaselineResponseMessage? Message { get; set; }

    public string? FinishReason { get; set; }
}
