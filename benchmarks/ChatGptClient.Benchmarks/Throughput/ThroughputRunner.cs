using System.Diagnostics;
using System.Globalization;
using ChatGpt.Benchmarks.Contenders;
using ChatGpt.Benchmarks.Infrastructure;
using ChatGpt.Benchmarks.Scenarios;

namespace ChatGpt.Benchmarks.Throughput;

/// <summary>
/// Requests per second over real loopback sockets at 1, 16 and 128 concurrent callers, client and server in one
/// process on the same cores. The absolute numbers say little (the server shares the CPU); the ratio to the
/// baseline at each concurrency shows whether a client serialises or contends (a lock, a limiter, a shared buffer).
/// </summary>
internal static class ThroughputRunner
{
    private static readonly int[] Concurrency = [1, 16, 128];
    private static readonly Scenario[] Scenarios = [Scenario.ChatShort, Scenario.ChatStream];
    private static readonly string[] DefaultContenders = ["Baseline", "ChatGptClient", "ChatGptClient DI"];

    /// <summary>Usage: <c>throughput [seconds per measurement, default 2] [--all]</c> (--all adds the other SDKs).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Select(a => double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : 0).FirstOrDefault(s => s > 0);
        var duration = TimeSpan.FromSeconds(seconds > 0 ? Math.Min(seconds, 30) : 2);
        var warmup = TimeSpan.FromSeconds(Math.Min(1, duration.TotalSeconds / 4));
        var all = args.Contains("--all");

        // The clients' code at its final JIT tier first: the short warm-up of each measurement is not enough for that.
        JitWarmUp.EnsureDone();
        var server = await LoopbackServer.StartAsync(CancellationToken.None).ConfigureAwait(false);
        await using (server.ConfigureAwait(false))
        {
            return await RunAsync(server, duration, warmup, all).ConfigureAwait(false);
        }
    }

    private static async Task<int> RunAsync(LoopbackServer server, TimeSpan duration, TimeSpan warmup, bool all)
    {
        Console.WriteLine($"Loopback server on {server.BaseAddress}; {duration.TotalSeconds:0.#} s per measurement after {warmup.TotalSeconds:0.#} s warm-up; {Environment.ProcessorCount} cores.");
        using var contenders = ContenderSet.Create(static () => new SocketsHttpHandler(), server.BaseAddress);
        var chosen = contenders.All.Where(c => all || DefaultContenders.Contains(c.Name)).ToList();
        var failures = 0;

        foreach (var scenario in Scenarios)
        {
            foreach (var contender in chosen)
            {
                await ScenarioRunner.VerifyAsync(contender, scenario, CancellationToken.None).ConfigureAwait(false);
            }

            Console.WriteLine();
            Console.WriteLine($"### {scenario}");
            Console.WriteLine();
            Console.WriteLine("| Contender | Concurrency | Requests/s | Ratio to baseline | Errors |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            foreach (var concurrency in Concurrency)
            {
                double? baseline = null;
                foreach (var contender in chosen)
                {
                    await MeasureAsync(contender, scenario, concurrency, warmup).ConfigureAwait(false);
                    var (rate, errors) = await MeasureAsync(contender, scenario, concurrency, duration).ConfigureAwait(false);
                    baseline ??= rate;
                    failures += errors;
                    Console.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"| {contender.Name} | {concurrency} | {rate:N0} | {rate / baseline.Value:N2} | {errors} |"));
                }
            }
        }

        return failures == 0 ? 0 : 1;
    }

    private static async Task<(double Rate, int Errors)> MeasureAsync(IContender contender, Scenario scenario, int concurrency, TimeSpan duration)
    {
        // Bounded in time and count: a runaway fast path cannot loop for ever, a hung call is cancelled.
        const long MaxRequests = 2_000_000;
        using var cancellation = new CancellationTokenSource(duration + TimeSpan.FromSeconds(30));
        long completed = 0;
        var errors = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration && Interlocked.Read(ref completed) < MaxRequests)
            {
                try
                {
                    await ScenarioRunner.RunAsync(contender, scenario, cancellation.Token).ConfigureAwait(false);
                    Interlocked.Increment(ref completed);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    if (Interlocked.Increment(ref errors) == 1)
                    {
                        Console.Error.WriteLine($"{contender.Name}: {ex.GetType().Name}: {ex.Message}");
                    }

                    if (cancellation.IsCancellationRequested)
                    {
                        return;
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        return (Interlocked.Read(ref completed) / clock.Elapsed.TotalSeconds, errors);
    }
}
