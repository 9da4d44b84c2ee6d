namespace ChatGpt.Benchmarks.Baseline;

internal sealed class BaselineResponseMessage
{
    public string? Role { get; init; }

    public string? Content { get; init; }
}
