namespace ChatGpt.Benchmarks.Baseline;

internal sealed class BaselineCompletionResponse
{
    public string? Id { get; set; }

    public string? Model { get; set; }

    public List<BaselineCompletionChoice>? Choices { get; set; }

    public BaselineUsage? Usage { get; set; }
}
