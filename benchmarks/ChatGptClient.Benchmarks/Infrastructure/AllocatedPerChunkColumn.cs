using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ChatGpt.Benchmarks.Scenarios;

namespace ChatGpt.Benchmarks.Infrastructure;

/// <summary>Allocated bytes per operation divided by the stream's SSE events, for the streaming scenario only.</summary>
internal sealed class AllocatedPerChunkColumn : IColumn
{
    public string Id => nameof(AllocatedPerChunkColumn);

    public string ColumnName => "Alloc/chunk";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Metric;

    public int PriorityInCategory => 100;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Size;

    public string Legend => $"Allocated bytes per operation / {CannedResponses.StreamChunkCount} stream events (ChatStream only)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (benchmarkCase.Descriptor.Type != typeof(ChatStreamBenchmarks))
        {
            return "-";
        }

        var bytes = summary[benchmarkCase]?.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
        return bytes is null ? "?" : $"{bytes.Value / (double)CannedResponses.StreamChunkCount:N0} B";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
