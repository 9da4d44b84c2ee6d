namespace ChatGpt.Tests.TestSupport;

/// <summary>
/// Bytes allocated by the whole process while an action runs. Another thread can only add to a measurement (a
/// finalizer, a pool trimming, a timer left by an earlier test), never take from it, so the least of a few runs is the
/// action's own figure: a real regression shows in every run, background noise in one.
/// </summary>
internal static class ProcessAllocations
{
    public static async Task<long> LeastOfAsync(Func<Task> action, int runs = 3)
    {
        var least = long.MaxValue;
        for (var run = 0; run < runs; run++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            await action();
            least = Math.Min(least, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        return least;
    }
}
