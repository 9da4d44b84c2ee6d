using System.Globalization;
using ChatGpt.Benchmarks.Contenders;
using ChatGpt.Benchmarks.Infrastructure;

namespace ChatGpt.Benchmarks;

/// <summary>
/// Bytes allocated per stream chunk. Each contender reads a 500-event and a 1000-event stream; the difference divided
/// by 500 is the marginal cost of one more chunk, free of the per-request cost (request, headers, response) that the
/// plain "allocated / 500" figure of the suite also spreads over the chunks.
/// </summary>
internal static class StreamAllocationProbe
{
    private const int SmallStream = CannedResponses.StreamChunkCount;
    private const int LargeStream = 2 * CannedResponses.StreamChunkCount;
    private const int Warmup = 30;
    private const int Iterations = 100;

    public static async Task<int> RunAsync()
    {
        var small = await MeasureAsync(SmallStream).ConfigureAwait(false);
        var large = await MeasureAsync(LargeStream).ConfigureAwait(false);

        Console.WriteLine();
        Console.WriteLine($"| Contender | Allocated / call ({SmallStream} events) | Allocated / event (call / {SmallStream}) | Marginal bytes / event | Ratio (marginal) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        var baselineMarginal = (large[0].Bytes - small[0].Bytes) / (double)(LargeStream - SmallStream);
        for (var i = 0; i < small.Count; i++)
        {
            var perCall = small[i].Bytes;
            var marginal = (large[i].Bytes - small[i].Bytes) / (double)(LargeStream - SmallStream);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {small[i].Name} | {perCall:N0} B | {perCall / (double)SmallStream:N0} B | {marginal:N0} B | {marginal / baselineMarginal:N2} |"));
        }

        AllocationBreakdown.Run();
        return 0;
    }

    private static async Task<List<(string Name, double Bytes)>> MeasureAsync(int events)
    {
        var body = CannedResponses.BuildChatStream(events);
        var expected = CannedResponses.BuildStreamAnswer(events);
        using var handler = new CannedHandler(new CannedResponse(body, CannedResponse.EventStream));
        using var contenders = ContenderSet.Create(handler, ContenderSet.InMemoryBaseAddress);
        var results = new List<(string, double)>();
        foreach (var contender in contenders.All)
        {
            for (var i = 0; i < Warmup; i++)
            {
                var text = await contender.StreamChatAsync(CancellationToken.None).ConfigureAwait(false);
                if (!string.Equals(text, expected, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"{contender.Name} returned a wrong answer.");
                }
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < Iterations; i++)
            {
                _ = await contender.StreamChatAsync(CancellationToken.None).ConfigureAwait(false);
            }

            var after = GC.GetTotalAllocatedBytes(precise: true);
            results.Add((contender.Name, (after - before) / (double)Iterations));
        }

        return results;
    }
}
