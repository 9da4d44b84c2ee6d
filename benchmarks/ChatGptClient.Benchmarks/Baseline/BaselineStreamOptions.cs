namespace ChatGpt.Benchmarks.Baseline;

internal sealed class BaselineStreamOptions
{
    public bool IncludeUsage { get; set; }
}
