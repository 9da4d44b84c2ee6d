using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text.Json;
using ChatGpt.Benchmarks.Baseline;
using ChatGpt.Benchmarks.Infrastructure;
using ChatGpt.Chat;
using ChatGpt.Serialization;

namespace ChatGpt.Benchmarks;

/// <summary>
/// Splits the per-chunk allocation of a stream into its parts, synchronously on one thread (exact byte counts):
/// the SSE parser alone, the JSON deserialization of one content chunk into each client's types, and the rest.
/// </summary>
internal static class AllocationBreakdown
{
    private const int Iterations = 20_000;

    public static void Run()
    {
        var stream = CannedResponses.ChatStream;
        var events = System.Text.Encoding.UTF8.GetString(stream).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        var contentChunk = System.Text.Encoding.UTF8.GetBytes(events[10]["data: ".Length..]);

        Console.WriteLine();
        Console.WriteLine("| Part (per stream event) | Bytes |");
        Console.WriteLine("|---|---:|");
        Row("SseParser, no-op item parser (per event)", PerEvent(() => ParseAll(stream, static (_, _) => 0)));
        Row("SseParser + baseline DTO (per event)", PerEvent(() => ParseAll(stream, static (_, d) => d.SequenceEqual("[DONE]"u8) ? null : JsonSerializer.Deserialize(d, BaselineJsonContext.Default.BaselineChunk))));
        Row("SseParser + ChatGptClient DTO (per event)", PerEvent(() => ParseAll(stream, static (_, d) => d.SequenceEqual("[DONE]"u8) ? null : JsonSerializer.Deserialize(d, ChatGptJsonContext.Default.ChatCompletionChunk))));
        Row("Deserialize one content chunk: baseline DTO", Measure(() => JsonSerializer.Deserialize(contentChunk, BaselineJsonContext.Default.BaselineChunk)));
        Row("Deserialize one content chunk: ChatCompletionChunk", Measure(() => JsonSerializer.Deserialize(contentChunk, ChatGptJsonContext.Default.ChatCompletionChunk)));
        Console.WriteLine();
        Console.WriteLine($"Content chunk: {contentChunk.Length} bytes of JSON: {System.Text.Encoding.UTF8.GetString(contentChunk)}");
    }

    private static void Row(string name, double bytes) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {bytes:N0} |"));

    private static double PerEvent(Func<int> parseAll)
    {
        var events = 0;
        var total = Measure(() => events = parseAll(), iterations: 200);
        return total / events;
    }

    private static int ParseAll<T>(byte[] body, SseItemParser<T> parser)
    {
        var count = 0;
        foreach (var item in SseParser.Create(new MemoryStream(body, writable: false), parser).Enumerate())
        {
            GC.KeepAlive(item.Data);
            count++;
        }

        return count;
    }

    private static double Measure<T>(Func<T> action, int iterations = Iterations)
    {
        for (var i = 0; i < 100; i++)
        {
            GC.KeepAlive(action());
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < iterations; i++)
        {
            GC.KeepAlive(action());
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)iterations;
    }
}
