using BenchmarkDotNet.Running;
using ChatGpt.Benchmarks;

// Modes (after `--`):
//   (none) or BenchmarkDotNet arguments  the in-memory suite, e.g. --filter *ChatStream*
//   verify [--show-requests]             every contender once per scenario, checking the answers (seconds)
//   timing [rounds]                      time ratios with contenders interleaved (robust on a busy machine)
//   alloc                                bytes allocated per stream chunk, baseline vs each client
//   throughput [seconds]                 loopback Kestrel, 1/16/128 concurrent requests
//   profile [contender] [scenario] [s]   one contender in a loop, for dotnet-trace to sample
return args.FirstOrDefault() switch
{
    "verify" => await Modes.VerifyAsync(showRequests: args.Contains("--show-requests")).ConfigureAwait(false),
    "timing" => await InterleavedTiming.RunAsync(args.Skip(1).ToArray()).ConfigureAwait(false),
    "alloc" => await Modes.MeasureStreamAllocationsAsync().ConfigureAwait(false),
    "throughput" => await Modes.MeasureThroughputAsync(args.Skip(1).ToArray()).ConfigureAwait(false),
    "profile" => await Modes.ProfileAsync(args.Skip(1).ToArray()).ConfigureAwait(false),
    _ => RunSuite(args),
};

static int RunSuite(string[] args)
{
    // Without a filter BenchmarkDotNet asks on the console which benchmark to run; run them all instead.
    if (!args.Any(a => a is "--filter" or "-f" or "--list" or "--help" or "-h"))
    {
        args = [.. args, "--filter", "*"];
    }

    var summaries = BenchmarkSwitcher.FromAssembly(typeof(Modes).Assembly).Run(args);
    return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
}
