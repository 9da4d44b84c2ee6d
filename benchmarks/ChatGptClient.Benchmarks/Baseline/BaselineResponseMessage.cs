namespace ChatGpt.Benchmarks.Baseline;

internal sealed class BaselineResponseMessage
{
    public string? Role { get; set; }

    public string? Content { get; set; }
}
