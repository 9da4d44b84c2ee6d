using System.Diagnostics;
using System.Globalization;
using ChatGpt.Benchmarks.Infrastructure;
using ChatGpt.FineTuning.TrainingData;

namespace ChatGpt.Benchmarks.TrainingData;

/// <summary>
/// The validation of <see cref="TrainingDataValidationBenchmarks"/> timed with a Stopwatch, run after run: for a profiler
/// to sample (<c>dotnet-trace collect -- dotnet ChatGptClient.Benchmarks.dll training-data-probe 64 10</c>). Exploration
/// only; the figure to quote comes from the BenchmarkDotNet mode.
/// </summary>
internal static class TrainingDataProbe
{
    public static async Task<int> RunAsync(string[] args)
    {
        var megabytes = int.Parse(args.ElementAtOrDefault(0) ?? "64", CultureInfo.InvariantCulture);
        var runs = int.Parse(args.ElementAtOrDefault(1) ?? "3", CultureInfo.InvariantCulture);
        var path = Path.Combine(Path.GetTempPath(), $"chatgpt-probe-training-{Environment.ProcessId}.jsonl");
        try
        {
            var (bytes, examples) = TrainingDataFile.Write(path, megabytes * 1024L * 1024);
            var options = new TrainingDataValidationOptions { Model = "gpt-4o-mini-2024-07-18" };
            for (var run = 0; run <= runs; run++)
            {
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var cpu = CpuClock.NowMicroseconds();
                var clock = Stopwatch.StartNew();
                var report = await TrainingDataValidator.ValidateFileAsync(path, options).ConfigureAwait(false);
                clock.Stop();
                Console.WriteLine(FormattableString.Invariant(
                    $"{(run == 0 ? "warm-up" : "run " + run),-8} {bytes / 1048576.0:N1} MB, {examples:N0} examples ({report.ExampleCount:N0} valid, {report.IssueCount} issues) in {clock.Elapsed.TotalMilliseconds:N0} ms = {bytes / 1048576.0 / clock.Elapsed.TotalSeconds:N1} MB/s; CPU {(CpuClock.NowMicroseconds() - cpu) / 1000.0:N0} ms; allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0:N1} MB; tokens {report.TokensPerExample}"));
            }

            return 0;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
