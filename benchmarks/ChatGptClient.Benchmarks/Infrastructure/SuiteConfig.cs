using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ChatGpt.Benchmarks.Infrastructure;

/// <summary>
/// The suite's configuration: a short in-process job (3 warm-ups, 6 measured iterations) so every scenario and
/// contender fits in well under ten minutes on 2 cores. In-process, because building the separate benchmark project
/// that BenchmarkDotNet otherwise generates takes minutes on a loaded 2-core machine (and hit its 120 s build timeout).
/// The job is marked default, so <c>--job</c> on the command line replaces it (e.g. <c>--job short</c> for the classic
/// out-of-process run, <c>--job medium</c> for tighter error bars).
/// </summary>
public sealed class SuiteConfig : ManualConfig
{
    public SuiteConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(4)
            .WithIterationCount(6)
            .WithId("ShortInProcess")
            .AsDefault());
        AddColumn(CategoriesColumn.Default, new AllocatedPerChunkColumn());
        WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Value));
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
    }
}
