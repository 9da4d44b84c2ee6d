namespace ChatGpt.Benchmarks.Baseline;

internal sealed class BaselineCompletionResponse
{
    public string? Id { get; init; }

    public string? Model { get; init; }

    public List<BaselineCompletionChoice>? Choices { get; init; }

    public BaselineUsage? Usage { get; init; }
}
