using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text.Json;
using ChatGpt.Benchmarks.Baseline;
using ChatGpt.Benchmarks.Infrastructure;
using System.Net.Http.Json;
using ChatGpt.Chat;
using ChatGpt.Http.Internal;
using ChatGpt.Internal;
using ChatGpt.Resilience;
using ChatGpt.Resilience.Internal;
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
        Console.WriteLine("| Part (per stream event) | Bytes | Thread CPU (us) |");
        Console.WriteLine("|---|---:|---:|");
        Row("SseParser, no-op item parser (per event)", PerEvent(() => ParseAll(stream, static (_, _) => 0)));
        Row("SseParser + baseline DTO (per event)", PerEvent(() => ParseAll(stream, static (_, d) => d.SequenceEqual("[DONE]"u8) ? null : JsonSerializer.Deserialize(d, BaselineJsonContext.Default.BaselineChunk))));
        Row("SseParser + ChatGptClient DTO, generated contract (per event)", PerEvent(() => ParseAll(stream, static (_, d) => d.SequenceEqual("[DONE]"u8) ? null : JsonSerializer.Deserialize(d, ChatGptJsonContext.Default.ChatCompletionChunk))));
        Row("SseParser + ChatGptClient DTO, hand-written reader (per event, the client's way)", PerEvent(() => ParseAll(stream, static (_, d) => d.SequenceEqual("[DONE]"u8) ? null : JsonSerializer.Deserialize(d, ChatCompletionChunkReader.TypeInfo))));
        Row("Deserialize one content chunk: baseline DTO", Measure(() => JsonSerializer.Deserialize(contentChunk, BaselineJsonContext.Default.BaselineChunk)));
        Row("Deserialize one content chunk: ChatCompletionChunk, generated contract", Measure(() => JsonSerializer.Deserialize(contentChunk, ChatGptJsonContext.Default.ChatCompletionChunk)));
        Row("Deserialize one content chunk: ChatCompletionChunk, hand-written reader (the client's way)", Measure(() => JsonSerializer.Deserialize(contentChunk, ChatCompletionChunkReader.TypeInfo)));
        Console.WriteLine();
        Console.WriteLine($"Content chunk: {contentChunk.Length} bytes of JSON: {System.Text.Encoding.UTF8.GetString(contentChunk)}");

        Console.WriteLine();
        Console.WriteLine($"Source-generated fast-path serializer: ChatCompletionRequest {ChatGptJsonContext.Default.ChatCompletionRequest.SerializeHandler is not null}, ChatMessage {ChatGptJsonContext.Default.ChatMessage.SerializeHandler is not null}, baseline request {BaselineJsonContext.Default.BaselineChatRequest.SerializeHandler is not null}.");
        Console.WriteLine();
        Console.WriteLine("| Part (ChatShort, per call) | Bytes | Thread CPU (us) |");
        Console.WriteLine("|---|---:|---:|");
        Row("DeserializeAsync ChatShort from a stream: baseline DTO (the baseline's way)", Measure(() => JsonSerializer.DeserializeAsync(new MemoryStream(CannedResponses.ChatShort), BaselineJsonContext.Default.BaselineChatResponse).AsTask().Result));
        Row("DeserializeAsync ChatShort from a stream: ChatCompletion (the client's way before)", Measure(() => JsonSerializer.DeserializeAsync(new MemoryStream(CannedResponses.ChatShort), ChatGptJsonContext.Default.ChatCompletion).AsTask().Result));
        Row("Deserialize ChatShort from a buffer: baseline DTO", Measure(() => JsonSerializer.Deserialize(CannedResponses.ChatShort, BaselineJsonContext.Default.BaselineChatResponse)));
        Row("Deserialize ChatShort from a buffer: ChatCompletion, generated contract", Measure(() => JsonSerializer.Deserialize(CannedResponses.ChatShort, ChatGptJsonContext.Default.ChatCompletion)));
        Row("Deserialize ChatShort from a buffer: ChatCompletion, hand-written reader (the client's way)", Measure(() => JsonSerializer.Deserialize(CannedResponses.ChatShort, ChatCompletionReader.TypeInfo)));
        Row("Deserialize Completion: baseline DTO", Measure(() => JsonSerializer.Deserialize(CannedResponses.Completion, BaselineJsonContext.Default.BaselineCompletionResponse)));
        Row("Deserialize Completion: Completion", Measure(() => JsonSerializer.Deserialize(CannedResponses.Completion, ChatGptJsonContext.Default.Completion)));
        Row("Build request objects: baseline DTO", Measure(BaselineRequest));
        Row("Build request objects: ChatCompletionRequest", Measure(ChatGptRequest));
        Row("Serialize request: baseline JsonContent copied to Stream.Null", Measure(() =>
        {
            using var content = JsonContent.Create(BaselineRequest(), BaselineJsonContext.Default.BaselineChatRequest);
            content.CopyTo(Stream.Null, null, CancellationToken.None);
            return content;
        }));
        Row("Serialize request: SerializeToUtf8Bytes + ByteArrayContent (before)", Measure(() =>
        {
            using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(ChatGptRequest(), ChatGptJsonContext.Default.ChatCompletionRequest));
            content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            content.CopyTo(Stream.Null, null, CancellationToken.None);
            return content;
        }));
        Row("Serialize request: PooledJsonContent + the hand-written writer (the client's)", Measure(() =>
        {
            using var content = PooledJsonContent.Create(ChatGptRequest());
            content.CopyTo(Stream.Null, null, CancellationToken.None);
            return content;
        }));
        ModelTokenizer.ForModel(BenchmarkPrompt.Model); // loaded off the request path in the client; here up front
        Row("Token estimate of the request (DI rate limiter, o200k_base)", Measure(() => RequestTokenEstimator.EstimateChat(BenchmarkPrompt.Model, ChatGptRequest(), 0), iterations: 2_000));
        Row("Token estimate of a 16 KB prompt (DI rate limiter, o200k_base)", Measure(() => RequestTokenEstimator.EstimateChat(BenchmarkPrompt.Model, LongPromptRequest, 0), iterations: 200));
        Row("Cheap estimate of the request (budget left >= 10x its UTF-8 bytes)", Measure(() => RequestTokenEstimator.EstimateChat(BenchmarkPrompt.Model, ChatGptRequest(), 1e9), iterations: 2_000));
        Row("Cheap estimate of a 16 KB prompt (budget left >= 10x its UTF-8 bytes)", Measure(() => RequestTokenEstimator.EstimateChat(BenchmarkPrompt.Model, LongPromptRequest, 1e9), iterations: 2_000));
        var store = new ChatGptInProcessRateBudgetStore(TimeProvider.System);
        var budgetKey = new ChatGptRateBudgetKey(ChatGptRateLimitKey.From(new ChatGptOptions { ApiKey = "sk-bench" }), "gpt-4o-mini");
        using var limiter = new RateBudgetQueue(store, budgetKey, new ChatGptRateBudgetPolicy(), 1000, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var canned = new HttpResponseMessage();
        CannedHandler.AddOpenAiHeaders(canned);
        var feedback = RateLimitFeedback.FromHeaders(ResponseMetadata.FromHeaders(canned.StatusCode, canned.Headers, TimeProvider.System).RateLimits);
        limiter.Report(feedback);
        using var limitedRequest = new HttpRequestMessage(HttpMethod.Post, ChatUri);
        limitedRequest.Options.Set(ChatGptRequestContext.OptionsKey, new ChatGptRequestContext("chat", "gpt-4o-mini", false, ChatGptRequest()));
        Row("DI limiter: last budget + cost estimate from the HttpRequestMessage", Measure(() => RequestTokenEstimator.Estimate(limitedRequest, limiter.LastKnown.TokensAvailable ?? 0)));
        Row("DI limiter: AcquireAsync (budget left) + refund", Measure(() =>
        {
            var lease = limiter.AcquireAsync(700, null, CancellationToken.None).Result;
            limiter.Report(new ChatGptRateBudgetFeedback { RequestCorrection = -1, TokenCorrection = -700 });
            return lease.Acquired;
        }));
        Row("ResponseMetadata: the one reading of the headers", Measure(() => ResponseMetadata.FromHeaders(canned.StatusCode, canned.Headers, TimeProvider.System).RateLimits.LimitRequests));
        Row("DI limiter: Report (learn from headers)", Measure(() =>
        {
            limiter.Report(feedback);
            return 0;
        }));
        Row("DI limiter: CorrectTokens", Measure(() =>
        {
            limiter.CorrectTokens(700, 690);
            return 0;
        }));
        Row("CallCancellation (10 min timeout on TimeProvider.System)", Measure(() =>
        {
            using var cancellation = new CallCancellation(TimeSpan.FromMinutes(10), TimeProvider.System, CancellationToken.None);
            return cancellation;
        }));
        Row("ChatGptRequestContext + HttpRequestMessage.Options.Set", Minus(Measure(() =>
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, ChatUri);
            message.Options.Set(ChatGptRequestContext.OptionsKey, new ChatGptRequestContext("chat", "gpt-4o-mini", false, null) { Deadline = DateTimeOffset.UtcNow });
            return message;
        }), Measure(() => new HttpRequestMessage(HttpMethod.Post, ChatUri))));
        Row("Accept + User-Agent headers (TryAddWithoutValidation)", Minus(Measure(() =>
        {
            var message = new HttpRequestMessage(HttpMethod.Post, ChatUri);
            message.Headers.TryAddWithoutValidation("Accept", "application/json");
            message.Headers.TryAddWithoutValidation("User-Agent", "ChatGptClient/1.0.0");
            return message;
        }), Measure(() => new HttpRequestMessage(HttpMethod.Post, ChatUri))));
    }

    private static readonly Uri ChatUri = new("http://localhost/v1/chat/completions");

    private static readonly ChatCompletionRequest LongPromptRequest = new()
    {
        Model = BenchmarkPrompt.Model,
        Messages = [ChatMessage.System(BenchmarkPrompt.System), ChatMessage.User(CannedResponses.LongAnswer)],
    };

    private static BaselineChatRequest BaselineRequest() => new()
    {
        Model = BenchmarkPrompt.Model,
        Messages =
        [
            new() { Role = "system", Content = BenchmarkPrompt.System },
            new() { Role = "user", Content = BenchmarkPrompt.User1 },
            new() { Role = "assistant", Content = BenchmarkPrompt.Assistant1 },
            new() { Role = "user", Content = BenchmarkPrompt.User2 },
        ],
        MaxTokens = BenchmarkPrompt.MaxTokens,
        Temperature = BenchmarkPrompt.Temperature,
        TopP = BenchmarkPrompt.TopP,
        Stop = [BenchmarkPrompt.Stop1, BenchmarkPrompt.Stop2],
        PresencePenalty = BenchmarkPrompt.PresencePenalty,
        FrequencyPenalty = BenchmarkPrompt.FrequencyPenalty,
    };

    private static ChatCompletionRequest ChatGptRequest() => new()
    {
        Model = BenchmarkPrompt.Model,
        Messages =
        [
            ChatMessage.System(BenchmarkPrompt.System),
            ChatMessage.User(BenchmarkPrompt.User1),
            ChatMessage.Assistant(BenchmarkPrompt.Assistant1),
            ChatMessage.User(BenchmarkPrompt.User2),
        ],
        MaxTokens = BenchmarkPrompt.MaxTokens,
        Temperature = BenchmarkPrompt.Temperature,
        TopP = BenchmarkPrompt.TopP,
        Stop = [BenchmarkPrompt.Stop1, BenchmarkPrompt.Stop2],
        PresencePenalty = BenchmarkPrompt.PresencePenalty,
        FrequencyPenalty = BenchmarkPrompt.FrequencyPenalty,
    };

    private static void Row(string name, (double Bytes, double Nanoseconds) cost) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {cost.Bytes:N0} | {cost.Nanoseconds / 1000:N2} |"));

    private static (double Bytes, double Nanoseconds) Minus((double Bytes, double Nanoseconds) a, (double Bytes, double Nanoseconds) b) =>
        (a.Bytes - b.Bytes, a.Nanoseconds - b.Nanoseconds);

    private static (double Bytes, double Nanoseconds) PerEvent(Func<int> parseAll)
    {
        var events = 0;
        var total = Measure(() => events = parseAll(), iterations: 200);
        return (total.Bytes / events, total.Nanoseconds / events);
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

    /// <summary>Bytes per call (exact, this thread) and CPU time of this thread per call (the fastest of 7 runs).</summary>
    private static (double Bytes, double Nanoseconds) Measure<T>(Func<T> action, int iterations = Iterations)
    {
        for (var i = 0; i < Math.Min(iterations, 2_000); i++)
        {
            GC.KeepAlive(action());
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < iterations; i++)
        {
            GC.KeepAlive(action());
        }

        var bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)iterations;
        var best = double.MaxValue;
        var timed = Math.Max(1, iterations / 10);
        for (var run = 0; run < 7; run++)
        {
            var start = CpuClock.ThreadNanoseconds();
            for (var i = 0; i < timed; i++)
            {
                GC.KeepAlive(action());
            }

            best = Math.Min(best, (CpuClock.ThreadNanoseconds() - start) / timed);
        }

        return (bytes, best);
    }
}
