using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace ChatGpt.Resilience.Internal;

/// <summary>
/// The local queues of every budget, one per (store, budget key) for the whole process, because the server counts every
/// call of the account whichever client or container sent it; and the built-in store, one per <see cref="TimeProvider"/>
/// (so a test clock never shares state with the real one).
/// </summary>
internal static class RateBudgetRegistry
{
    private static readonly ConditionalWeakTable<TimeProvider, ChatGptInProcessRateBudgetStore> DefaultStores = new();
    private static readonly ConditionalWeakTable<IChatGptRateBudgetStore, ConcurrentDictionary<ChatGptRateBudgetKey, RateBudgetQueue>> Queues = new();

    /// <summary>Every queue of the process, weakly (a test's store and its queues may go), for the metrics' gauges.</summary>
    private static readonly ConcurrentQueue<WeakReference<RateBudgetQueue>> Everything = new();

    /// <summary>The process-wide in-process store of a clock.</summary>
    public static ChatGptInProcessRateBudgetStore DefaultStore(TimeProvider timeProvider) =>
        DefaultStores.GetValue(timeProvider, static time => new ChatGptInProcessRateBudgetStore(time));

    /// <summary>The queue of a budget; an existing one is tightened to the caller's limits (the lowest win).</summary>
    public static RateBudgetQueue GetQueue(IChatGptRateBudgetStore store, ChatGptRateBudgetKey key, ChatGptRateBudgetPolicy policy, int queueLimit, TimeProvider timeProvider, ILogger logger)
    {
        var queues = Queues.GetValue(store, static _ => new ConcurrentDictionary<ChatGptRateBudgetKey, RateBudgetQueue>());
        if (queues.TryGetValue(key, out var existing))
        {
            existing.Tighten(policy, queueLimit);
            return existing;
        }

        var created = new RateBudgetQueue(store, key, policy, queueLimit, timeProvider, logger);
        var queue = queues.GetOrAdd(key, created);
        if (!ReferenceEquals(queue, created))
        {
            created.Dispose();
            queue.Tighten(policy, queueLimit);
        }
        else
        {
            Everything.Enqueue(new WeakReference<RateBudgetQueue>(created));
        }

        return queue;
    }

    /// <summary>Every live queue of the process, for the metrics' gauges.</summary>
    public static IEnumerable<RateBudgetQueue> All()
    {
        foreach (var reference in Everything)
        {
            if (reference.TryGetTarget(out var queue))
            {
                yield return queue;
            }
        }
    }
}
