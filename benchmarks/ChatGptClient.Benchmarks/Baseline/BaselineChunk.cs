namespace ChatGpt.Benchmarks.Baseline;

internal sealed class BaselineChunk
{
    public string? Id { get; init; }

    public List<BaselineChunkChoice>? Choices { get; init; }

    public BaselineUsage? Usage { get; init; }
}
