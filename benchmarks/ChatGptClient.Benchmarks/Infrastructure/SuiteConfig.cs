using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;

namespace ChatGpt.Benchmarks.Infrastructure;

/// <summary>
/// The suite's configuration: a short job (one launch, 3 warm-ups, 6 measured iterations) so every scenario and
/// contender fits in well under ten minutes on 2 cores. It is marked default, so <c>--job</c> on the command line
/// replaces it (e.g. <c>--job medium</c> for tighter error bars).
/// </summary>
public sealed class SuiteConfig : ManualConfig
{
    public SuiteConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(6).WithId("Short").AsDefault());
        AddColumn(CategoriesColumn.Default, new AllocatedPerChunkColumn());
        WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Value));
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
    }
}
