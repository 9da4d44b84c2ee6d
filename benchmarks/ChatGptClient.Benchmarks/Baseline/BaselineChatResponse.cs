namespace ChatGpt.Benchmarks.Baseline;

internal sealed class BaselineChatResponse
{
    public string? Id { get; set; }

    public long Created { get; set; }

    public string? Model { get; set; }

    public List<BaselineChoice>? Choices { get; set; }

    public BaselineUsage? Usage { get; set; }
}
