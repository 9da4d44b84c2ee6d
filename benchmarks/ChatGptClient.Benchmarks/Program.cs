using BenchmarkDotNet.Running;
using ChatGpt.Benchmarks;
using ChatGpt.Benchmarks.TrainingData;

// Modes (after `--`):
//   (none) or BenchmarkDotNet arguments  the in-memory suite, e.g. --filter *ChatStream*
//   verify [--show-requests]             every contender once per scenario, checking the answers (seconds)
//   timing [rounds]                      time ratios with contenders interleaved (robust on a busy machine)
//   alloc                                bytes allocated per stream chunk, baseline vs each client
//   throughput [seconds]                 loopback Kestrel, 1/16/128 concurrent requests
//   profile [contender] [scenario] [s]   one contender in a loop, for dotnet-trace to sample
//   training-data [BenchmarkDotNet args]  the fine-tuning file validator's MB/s (BenchmarkDotNet, 64 MB JSONL; not in the suite)
//   training-data-probe [MB] [runs]       the same validation timed with a Stopwatch, for dotnet-trace / dotnet-counters
return args.FirstOrDefault() switch
{
    "verify" => await Modes.VerifyAsync(showRequests: args.Contains("--show-requests")).ConfigureAwait(false),
    "timing" => await InterleavedTiming.RunAsync(args.Skip(1).ToArray()).ConfigureAwait(false),
    "alloc" => await Modes.MeasureStreamAllocationsAsync().ConfigureAwait(false),
    "throughput" => await Modes.MeasureThroughputAsync(args.Skip(1).ToArray()).ConfigureAwait(false),
    "profile" => await Modes.ProfileAsync(args.Skip(1).ToArray()).ConfigureAwait(false),
    "training-data" => BenchmarkRunner.Run<TrainingDataValidationBenchmarks>(args: args.Skip(1).ToArray()).HasCriticalValidationErrors ? 1 : 0,
    "training-data-probe" => await TrainingDataProbe.RunAsync(args.Skip(1).ToArray()).ConfigureAwait(false),
    _ => RunSuite(args),
};

static int RunSuite(string[] args)
{
    // Without a filter BenchmarkDotNet asks on the console which benchmark to run; run them all instead.
    if (!args.Any(a => a is "--filter" or "-f" or "--list" or "--help" or "-h"))
    {
        args = [.. args, "--filter", "*"];
    }

    // The validator's benchmark reads a 64 MB file per operation: it has its own mode, not part of the client suite.
    var suite = typeof(Modes).Assembly.GetTypes()
        .Where(static t => t is { IsAbstract: false, IsPublic: true } && t != typeof(TrainingDataValidationBenchmarks) &&
            t.GetMethods().Any(static m => m.IsDefined(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), inherit: true)))
        .ToArray();
    var summaries = BenchmarkSwitcher.FromTypes(suite).Run(args);
    return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
}
