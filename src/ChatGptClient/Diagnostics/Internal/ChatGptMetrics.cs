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
        RateLimiterWait = meter.CreateHistogram(
            ChatGptDiagnostics.RateLimiterWaitMetricName,
            unit: "s",
            description: "Time a call waited for its client-side rate budget.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_durationBuckets });
        RateLimiterRejections = meter.CreateCounter<long>(
            ChatGptDiagnostics.RateLimiterRejectionsMetricName,
            unit: "{call}",
            description: "Calls the client-side rate limiter refused before sending.");

        // Gauges read every budget of the process when collected: the limits learned per model, and the queues.
        meter.CreateObservableGauge(
            ChatGptDiagnostics.RateLimiterRequestLimitMetricName,
            static () => Limits(static budget => budget.RequestLimit),
            unit: "{request}",
            description: "Request limit in force per rate budget (per its window, a minute or a day).");
        meter.CreateObservableGauge(
            ChatGptDiagnostics.RateLimiterTokenLimitMetricName,
            static () => Limits(static budget => budget.TokenLimit),
            unit: "{token}",
            description: "Token limit in force per rate budget (per its window, a minute or a day).");
        meter.CreateObservableGauge(
            ChatGptDiagnostics.RateLimiterQueuedMetricName,
            static () => Queued(),
            unit: "{call}",
            description: "Calls waiting for their rate budget in this process.");
        ClientOperationDuration = meter.CreateHistogram(
            ChatGptDiagnostics.ClientOperationDurationMetricName,
            unit: "s",
            description: "Duration of client calls that generate nothing (files, uploads, fine-tuning jobs, models), retries included.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_durationBuckets });
        TimeToFirstChunk = meter.CreateHistogram(
            ChatGptDiagnostics.TimeToFirstChunkMetricName,
            unit: "s",
            description: "Time to receive the first chunk of a streamed response.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_durationBuckets });
    }

    public Histogram<double> OperationDuration { get; }

    /// <summary>The durations of the calls that generate nothing (files, uploads, fine-tuning, models).</summary>
    public Histogram<double> ClientOperationDuration { get; }

    /// <summary>The time calls waited for their rate budget.</summary>
    public Histogram<double> RateLimiterWait { get; }

    /// <summary>Calls the rate limiter refused.</summary>
    public Counter<long> RateLimiterRejections { get; }

    public Histogram<long> TokenUsage { get; }

    public Histogram<double> TimeToFirstChunk { get; }

    public bool Enabled => OperationDuration.Enabled || TokenUsage.Enabled || TimeToFirstChunk.Enabled || ClientOperationDuration.Enabled;

    public const string ModelGroupTag = "chatgpt.rate_budget.model_group";
    public const string AccountTag = "chatgpt.rate_budget.account";
    public const string LearnedTag = "chatgpt.rate_budget.learned";
    public const string OutcomeTag = "chatgpt.rate_limiter.outcome";
    public const string ReasonTag = "chatgpt.rate_limiter.reason";

    private static IEnumerable<Measurement<long>> Limits(Func<Resilience.ChatGptRateBudgetSnapshot, long?> limit)
    {
        foreach (var queue in Resilience.Internal.RateBudgetRegistry.All())
        {
            var budget = queue.Current();
            if (limit(budget) is { } value)
            {
                yield return new Measurement<long>(value, new(AccountTag, queue.Key.AccountId), new(ModelGroupTag, queue.Key.ModelGroup), new(LearnedTag, budget.IsLearned));
            }
        }
    }

    private static IEnumerable<Measurement<int>> Queued()
    {
        foreach (var queue in Resilience.Internal.RateBudgetRegistry.All())
        {
            yield return new Measurement<int>(queue.QueuedCount, new(AccountTag, queue.Key.AccountId), new(ModelGroupTag, queue.Key.ModelGroup));
        }
    }

    public static ChatGptMetrics For(IMeterFactory? meterFactory)
    {
        if (meterFactory is null)
        {
            return s_shared.Value;
        }

        return s_byFactory.GetValue(meterFactory, static factory => new ChatGptMetrics(factory.Create(new MeterOptions(ChatGptDiagnostics.MeterName) { Version = ChatGptInstrumentation.Version })));
    }
}
