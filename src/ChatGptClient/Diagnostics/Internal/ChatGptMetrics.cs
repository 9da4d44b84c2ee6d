using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace ChatGpt.Diagnostics.Internal;

/// <summary>
/// The GenAI client instruments. One set per <see cref="IMeterFactory"/> (so each DI container, and each test, has its
/// own), or one process-wide set for clients built without DI; never one per client, which is transient.
/// </summary>
internal sealed class ChatGptMetrics
{
    // The buckets the conventions advise: durations from 10 ms doubling to 82 s, token counts in powers of 4.
    private static readonly double[] s_durationBuckets = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
    private static readonly long[] s_tokenBuckets = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

    private static readonly ConditionalWeakTable<IMeterFactory, ChatGptMetrics> s_byFactory = [];
    private static readonly Lazy<ChatGptMetrics> s_shared = new(static () => new ChatGptMetrics(new Meter(ChatGptDiagnostics.MeterName, ChatGptInstrumentation.Version)));

    private ChatGptMetrics(Meter meter)
    {
        OperationDuration = meter.CreateHistogram(
            ChatGptDiagnostics.OperationDurationMetricName,
            unit: "s",
            description: "GenAI operation duration.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_durationBuckets });
        TokenUsage = meter.CreateHistogram(
            ChatGptDiagnostics.TokenUsageMetricName,
            unit: "{token}",
            description: "Number of input and output tokens used.",
            tags: null,
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = s_tokenBuckets });
        TimeToFirstChunk = meter.CreateHistogram(
            ChatGptDiagnostics.TimeToFirstChunkMetricName,
            unit: "s",
            description: "Time to receive the first chunk of a streamed response.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_durationBuckets });
    }

    public Histogram<double> OperationDuration { get; }

    public Histogram<long> TokenUsage { get; }

    public Histogram<double> TimeToFirstChunk { get; }

    public bool Enabled => OperationDuration.Enabled || TokenUsage.Enabled || TimeToFirstChunk.Enabled;

    public static ChatGptMetrics For(IMeterFactory? meterFactory)
    {
        if (meterFactory is null)
        {
            return s_shared.Value;
        }

        return s_byFactory.GetValue(meterFactory, static factory => new ChatGptMetrics(factory.Create(new MeterOptions(ChatGptDiagnostics.MeterName) { Version = ChatGptInstrumentation.Version })));
    }
}
