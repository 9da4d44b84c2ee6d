namespace ChatGpt.Benchmarks.Baseline;

internal sealed class BaselineMessage
{
    public required string Role { get; set; }

    public required string Content { get; set; }
}
