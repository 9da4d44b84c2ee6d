using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ChatGpt.Diagnostics;
using ChatGpt.Resilience;

namespace ChatGpt.RateLimiting.Redis.Internal;

/// <summary>
/// The store's instruments, on the client's meter (<see cref="ChatGptDiagnostics.MeterName"/>), so whoever collects the
/// client's metrics gets these too: the time each store operation adds to a call (Redis round trip, or the local
/// fallback), the refusals that make calls wait, the fallbacks, whether budgets are shared now, and the limits in force
/// per model group.
/// </summary>
internal sealed class RedisRateLimitingMetrics : IDisposable
{
    private static readonly double[] s_durationBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25];

    private readonly Meter? _ownedMeter;
    private readonly ConcurrentDictionary<string, ChatGptRateBudgetSnapshot> _limits;

    public RedisRateLimitingMetrics(IMeterFactory? meterFactory, Func<bool> isShared, ConcurrentDictionary<string, ChatGptRateBudgetSnapshot> limits)
    {
        _limits = limits;
        var meter = meterFactory?.Create(new MeterOptions(ChatGptDiagnostics.MeterName)) ?? (_ownedMeter = new Meter(ChatGptDiagnostics.MeterName));
        OperationDuration = meter.CreateHistogram(
            "chatgpt.rate_budget.store.duration",
            unit: "s",
            description: "Time a rate budget store operation added to a call: a Redis round trip, or the local limiter when Redis is unavailable.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_durationBuckets });
        Refusals = meter.CreateCounter<long>(
            "chatgpt.rate_budget.store.refusals",
            unit: "{acquisition}",
            description: "Acquisitions the shared budget refused for now (the call waits), by reason.");
        Fallbacks = meter.CreateCounter<long>(
            "chatgpt.rate_budget.store.fallbacks",
            unit: "{fallback}",
            description: "Times Redis was found unavailable (unreachable, slow or failing) and the local limiter took over.");
        meter.CreateObservableGauge(
            "chatgpt.rate_budget.store.shared",
            () => isShared() ? 1 : 0,
            unit: "{state}",
            description: "1 while budgets are shared through Redis, 0 while this process is on its local limiter.");
        meter.CreateObservableGauge(
            "chatgpt.rate_budget.limit",
            ObserveLimits,
            unit: "{unit}",
            description: "The limit in force per window for each model group's budget (the lower of configured and learned), by dimension.");
    }

    public Histogram<double> OperationDuration { get; }

    public Counter<long> Refusals { get; }

    public Counter<long> Fallbacks { get; }

    public void RecordDuration(long startTimestamp, string operation, bool shared)
    {
        if (OperationDuration.Enabled)
        {
            OperationDuration.Record(
                Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds,
                new KeyValuePair<string, object?>("chatgpt.rate_budget.operation", operation),
                new KeyValuePair<string, object?>("chatgpt.rate_budget.store", shared ? "redis" : "local"));
        }
    }

    public void RecordRefusal(in ChatGptRateBudgetAcquisition acquisition)
    {
        if (!acquisition.Acquired && Refusals.Enabled)
        {
            Refusals.Add(
                1,
                new KeyValuePair<string, object?>("chatgpt.rate_budget.wait_reason", acquisition.WaitReason.ToString()),
                new KeyValuePair<string, object?>("chatgpt.rate_budget.model_group", acquisition.Budget.ModelGroup));
        }
    }

    public void RecordFallback(string reason) =>
        Fallbacks.Add(1, new KeyValuePair<string, object?>("chatgpt.rate_budget.fallback_reason", reason));

    public void Dispose() => _ownedMeter?.Dispose();

    private IEnumerable<Measurement<long>> ObserveLimits()
    {
        foreach (var budget in _limits.Values)
        {
            var group = new KeyValuePair<string, object?>("chatgpt.rate_budget.model_group", budget.ModelGroup);
            if (budget.RequestLimit is { } requests)
            {
                yield return new Measurement<long>(requests, group, new KeyValuePair<string, object?>("chatgpt.rate_budget.dimension", "requests"));
            }

            if (budget.TokenLimit is { } tokens)
            {
                yield return new Measurement<long>(tokens, group, new KeyValuePair<string, object?>("chatgpt.rate_budget.dimension", "tokens"));
            }
        }
    }
}
