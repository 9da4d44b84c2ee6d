using System.Diagnostics;
using System.Globalization;
using ChatGpt.Benchmarks.Contenders;
using ChatGpt.Benchmarks.Infrastructure;
using ChatGpt.Benchmarks.Scenarios;

namespace ChatGpt.Benchmarks;

/// <summary>
/// Time ratios that survive a busy machine. BenchmarkDotNet measures wall-clock time, one contender after another, so
/// on a 2-core machine shared with other builds it mostly measures the neighbours. Here the contenders take turns in
/// short batches (rotating who goes first), each batch is timed both in wall-clock time and in the CPU time this
/// process used (<see cref="CpuClock"/>: all threads, GC and JIT included), and the median batch of each contender
/// gives the ratio. Allocation is measured over whole batches (process-wide, so it includes a few bytes of noise).
/// </summary>
internal static class InterleavedTiming
{
    private static readonly TimeSpan BatchTarget = TimeSpan.FromMilliseconds(20);

    /// <summary>Usage: <c>timing [rounds, default 40] [scenario...]</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Select(a => int.TryParse(a, CultureInfo.InvariantCulture, out var r) ? r : 0).FirstOrDefault(r => r > 0);
        rounds = rounds > 0 ? Math.Min(rounds, 500) : 40;
        var named = Enum.GetNames<Scenario>();
        var scenarios = Enum.GetValues<Scenario>().Where(s => args.Contains(s.ToString()) || !args.Any(named.Contains)).ToArray();
        Console.WriteLine($"Interleaved timing: {rounds} rounds of ~{BatchTarget.TotalMilliseconds} ms (CPU) batches per contender; {Environment.ProcessorCount} cores.");
        Console.WriteLine();
        Console.WriteLine("| Scenario | Contender | Thread CPU/op | **Thread CPU ratio** | Process CPU/op | Process CPU ratio | Wall time/op | Wall ratio | Allocated/op | **Alloc ratio** |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        // Not reported: every contender and scenario until the JIT has stopped compiling (see JitWarmUp), then one
        // pass of the measured scenarios, so that the batch sizes are chosen on final code.
        JitWarmUp.EnsureDone();
        foreach (var scenario in scenarios)
        {
            await RunScenarioAsync(scenario, Math.Max(5, rounds / 2), report: false).ConfigureAwait(false);
        }

        foreach (var scenario in scenarios)
        {
            await RunScenarioAsync(scenario, rounds, report: true).ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task RunScenarioAsync(Scenario scenario, int rounds, bool report)
    {
        using var handler = new CannedHandler(ScenarioRunner.ChatResponse(scenario));
        using var set = ContenderSet.Create(handler, ContenderSet.InMemoryBaseAddress);
        var contenders = set.All;
        var batchSizes = new int[contenders.Count];
        var bytes = new double[contenders.Count];
        var samples = contenders.Select(_ => new List<double>(rounds)).ToArray();
        var wallSamples = contenders.Select(_ => new List<double>(rounds)).ToArray();
        var threadSamples = contenders.Select(_ => new List<double>(rounds)).ToArray();

        for (var i = 0; i < contenders.Count; i++)
        {
            await ScenarioRunner.VerifyAsync(contenders[i], scenario, CancellationToken.None).ConfigureAwait(false);

            // Warm up (tiered JIT) and size the batch so that one takes about BatchTarget of CPU time.
            var start = CpuClock.NowMicroseconds();
            var calls = 0;
            while (CpuClock.NowMicroseconds() - start < 300_000 || calls < 50)
            {
                await ScenarioRunner.RunAsync(contenders[i], scenario, CancellationToken.None).ConfigureAwait(false);
                calls++;
            }

            batchSizes[i] = Math.Max(1, (int)(calls * BatchTarget.TotalMicroseconds / (CpuClock.NowMicroseconds() - start)));
            bytes[i] = await MeasureBytesAsync(contenders[i], scenario, batchSizes[i]).ConfigureAwait(false);
        }

        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < contenders.Count; k++)
            {
                var i = (round + k) % contenders.Count;
                var clock = Stopwatch.StartNew();
                var cpu = CpuClock.NowMicroseconds();
                var thread = CpuClock.ThreadNanoseconds();
                var sameThread = Environment.CurrentManagedThreadId;
                for (var n = 0; n < batchSizes[i]; n++)
                {
                    await ScenarioRunner.RunAsync(contenders[i], scenario, CancellationToken.None).ConfigureAwait(false);
                }

                samples[i].Add((CpuClock.NowMicroseconds() - cpu) / batchSizes[i]);

                // The calling thread's own CPU time: blind to the JIT, GC and other processes, valid while every call
                // completes synchronously on it (true of the in-memory handler; a batch that hopped threads is dropped).
                if (Environment.CurrentManagedThreadId == sameThread)
                {
                    threadSamples[i].Add((CpuClock.ThreadNanoseconds() - thread) / 1000 / batchSizes[i]);
                }
                wallSamples[i].Add(clock.Elapsed.TotalMicroseconds / batchSizes[i]);
            }
        }

        if (!report)
        {
            return;
        }

        var medians = samples.Select(Median).ToArray();
        var wall = wallSamples.Select(Median).ToArray();
        var threadCpu = threadSamples.Select(t => t.Count > 0 ? Median(t) : double.NaN).ToArray();
        for (var i = 0; i < contenders.Count; i++)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {scenario} | {contenders[i].Name} | {threadCpu[i]:N1} us | {threadCpu[i] / threadCpu[0]:N2} | {medians[i]:N1} us | {medians[i] / medians[0]:N2} | {wall[i]:N1} us | {wall[i] / wall[0]:N2} | {bytes[i]:N0} B | {bytes[i] / bytes[0]:N2} |"));
        }
    }

    private static async Task<double> MeasureBytesAsync(IContender contender, Scenario scenario, int calls)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var n = 0; n < calls; n++)
        {
            await ScenarioRunner.RunAsync(contender, scenario, CancellationToken.None).ConfigureAwait(false);
        }

        return (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)calls;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
