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

    /// <summary>
    /// Runs one contender on one scenario in a loop for a while, for a profiler to sample, e.g.
    /// <c>dotnet-trace collect --format speedscope -- dotnet bin/Release/net10.0/ChatGptClient.Benchmarks.dll profile "ChatGptClient DI" ChatShort 20</c>.
    /// </summary>
    public static async Task<int> ProfileAsync(string[] args)
    {
        var name = args.ElementAtOrDefault(0) ?? ChatGptContender.DiName;
        var scenario = Enum.Parse<Scenario>(args.ElementAtOrDefault(1) ?? nameof(Scenario.ChatShort), ignoreCase: true);
        var seconds = double.Parse(args.ElementAtOrDefault(2) ?? "20", System.Globalization.CultureInfo.InvariantCulture);
        using var handler = new CannedHandler(ScenarioRunner.ChatResponse(scenario));
        using var contenders = ContenderSet.Create(handler, ContenderSet.InMemoryBaseAddress);
        var contender = contenders.Find(name);
        await ScenarioRunner.VerifyAsync(contender, scenario, CancellationToken.None).ConfigureAwait(false);
        // The first half of the time lets tiered JIT and PGO settle; the second half is measured.
        var warmUp = System.Diagnostics.Stopwatch.StartNew();
        while (warmUp.Elapsed.TotalSeconds < seconds / 2)
        {
            await ScenarioRunner.RunAsync(contender, scenario, CancellationToken.None).ConfigureAwait(false);
        }

        var calls = 0L;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var thread = CpuClock.ThreadNanoseconds();
        var process = CpuClock.NowMicroseconds();
        while (clock.Elapsed.TotalSeconds < seconds / 2)
        {
            for (var i = 0; i < 1000; i++)
            {
                await ScenarioRunner.RunAsync(contender, scenario, CancellationToken.None).ConfigureAwait(false);
            }

            calls += 1000;
        }

        Console.WriteLine(System.FormattableString.Invariant(
            $"{contender.Name} {scenario}: {calls:N0} calls in {clock.Elapsed.TotalSeconds:N1} s; per call {clock.Elapsed.TotalMicroseconds / calls:N2} us wall, {(CpuClock.ThreadNanoseconds() - thread) / 1000 / calls:N2} us thread CPU, {(CpuClock.NowMicroseconds() - process) / calls:N2} us process CPU."));
        return 0;
    }
}
