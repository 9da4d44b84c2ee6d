using ChatGpt.Benchmarks.Contenders;
using ChatGpt.Benchmarks.Infrastructure;
using ChatGpt.Benchmarks.Scenarios;

namespace ChatGpt.Benchmarks;

/// <summary>The program's modes other than the BenchmarkDotNet suite.</summary>
internal static class Modes
{
    public static async Task<int> VerifyAsync(bool showRequests)
    {
        var failures = 0;
        foreach (var scenario in Enum.GetValues<Scenario>())
        {
            using var handler = new CannedHandler(ScenarioRunner.ChatResponse(scenario), captureRequests: true);
            using var contenders = ContenderSet.Create(handler, ContenderSet.InMemoryBaseAddress);
            foreach (var contender in contenders.All)
            {
                try
                {
                    await ScenarioRunner.VerifyAsync(contender, scenario, CancellationToken.None).ConfigureAwait(false);
                    Console.WriteLine($"ok    {scenario,-11} {contender.Name,-20} request {handler.LastRequestBody?.Length} chars");
                    if (showRequests)
                    {
                        Console.WriteLine(handler.LastRequestBody);
                    }
                }
                catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or NotSupportedException)
                {
                    failures++;
                    Console.WriteLine($"FAIL  {scenario,-11} {contender.Name}: {ex.Message}");
                }
            }
        }

        return failures == 0 ? 0 : 1;
    }

    public static Task<int> MeasureStreamAllocationsAsync() => StreamAllocationProbe.RunAsync();

    public static Task<int> MeasureThroughputAsync(string[] args) => Throughput.ThroughputRunner.RunAsync(args);
}
