namespace ChatGpt.Benchmarks.Baseline;

internal sealed class BaselineChunk
{
    public string? Id { get; set; }

    public List<BaselineChunkChoice>? Choices { get; set; }

    public BaselineUsage? Usage { get; set; }
}
