namespace ChatGpt.Benchmarks.Baseline;

internal sealed class BaselineMessage
{
    public required string Role { get; init; }

    public required string Content { get; init; }
}
