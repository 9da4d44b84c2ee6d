namespace ChatGpt.Benchmarks.Baseline;

internal sealed class BaselineChatResponse
{
    public string? Id { get; init; }

    public long Created { get; init; }

    public string? Model { get; init; }

    public List<BaselineChoice>? Choices { get; init; }

    public BaselineUsage? Usage { get; init; }
}
