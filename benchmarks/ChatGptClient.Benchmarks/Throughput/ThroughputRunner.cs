namespace ChatGpt.Benchmarks.Throughput;

internal static class ThroughputRunner
{
    public static Task<int> RunAsync(string[] args)
    {
        _ = args;
        return Task.FromResult(0);
    }
}
