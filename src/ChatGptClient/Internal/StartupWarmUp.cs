using System.Net;
using System.Text.Json;
using ChatGpt.Chat;
using ChatGpt.Resilience;
using ChatGpt.Resilience.Internal;
using ChatGpt.Serialization;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace ChatGpt.Internal;

/// <summary>
/// Prepares, once per process and on a thread-pool thread, what the first chat call would otherwise prepare on its own
/// path: the hand-written readers of the chat response and stream chunk (<see cref="ChatCompletionReader"/>,
/// <see cref="ChatCompletionChunkReader"/>, which the JIT compiles on first use), the request writer and the resilience
/// pipeline's strategies. Started when the client is registered or created, so it runs while the app builds its
/// container, starts its host and opens its first connection; the first call then finds it done.
/// </summary>
/// <remarks>
/// Only CPU work on static, immutable data: no I/O, nothing logged, no state a call depends on (a call that arrives first
/// simply compiles what it needs itself). Turned off with the AppContext switch <see cref="DisableSwitch"/>.
/// </remarks>
internal static class StartupWarmUp
{
    /// <summary>The AppContext switch (runtimeconfig or <c>AppContext.SetSwitch</c>) that turns the warm-up off.</summary>
    public const string DisableSwitch = "ChatGpt.DisableStartupWarmUp";

    // A response with the parts most answers have: a message, a tool call, usage with its details.
    private const string CompletionJson = """
        {"id":"chatcmpl-w","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"w","refusal":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}],"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"service_tier":"default","system_fingerprint":"w"}
        """;

    private const string ChunkJson = """
        {"id":"chatcmpl-w","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"w","tool_calls":[{"index":0,"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]},"logprobs":null,"finish_reason":null}],"usage":null}
        """;

    private static readonly TaskCompletionSource s_done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static int s_started;

    /// <summary>Completes when the warm-up has run (or was switched off); for tests that measure process-wide
    /// allocations, which must not count it.</summary>
    internal static Task Completion => s_done.Task;

    /// <summary>Starts the warm-up unless it has started before, the switch turns it off or the process has one processor.</summary>
    public static void Start()
    {
        if (Volatile.Read(ref s_started) != 0 || Interlocked.Exchange(ref s_started, 1) != 0)
        {
            return;
        }

        if (!ShouldRun(Environment.ProcessorCount, AppContext.TryGetSwitch(DisableSwitch, out var disabled) && disabled))
        {
            s_done.TrySetResult();
            return;
        }

        ThreadPool.UnsafeQueueUserWorkItem(static _ => _ = RunAsync(), (object?)null, preferLocal: false);
    }

    /// <summary>Whether the warm-up runs: not when switched off, and not on a single processor, where it could only run
    /// instead of the app's own start (what it compiles, the first call would compile anyway; what it runs besides is
    /// pure cost there).</summary>
    internal static bool ShouldRun(int processorCount, bool switchedOff) => processorCount > 1 && !switchedOff;

    private static async Task RunAsync()
    {
        try
        {
            // In the order a first call needs them: the pipeline is built when the client is resolved, the request is
            // written next, the response read last.
            await RunPipelineAsync().ConfigureAwait(false);
            var request = new ChatCompletionRequest { Model = "m", Messages = [ChatMessage.System("w"), ChatMessage.User("w")], MaxTokens = 1 };
            using (PooledJsonContent.Create(request))
            {
            }

            _ = JsonSerializer.Deserialize(CompletionJson, ChatCompletionReader.TypeInfo);
            _ = JsonSerializer.Deserialize(ChunkJson, ChatCompletionChunkReader.TypeInfo);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Nothing depends on it: a call compiles what it needs on its own.
        }
        finally
        {
            s_done.TrySetResult();
        }
    }

    /// <summary>One call through a private copy of the resilience pipeline (Polly's strategies are not precompiled) and one
    /// acquisition and report on a private budget queue: no logger, no meter, no telemetry, and nothing registered in the
    /// process's budget registry (whose queues the metrics enumerate), so nothing outside sees it.</summary>
    private static async Task RunPipelineAsync()
    {
        var settings = new ResiliencePipelineSettings
        {
            Options = new ChatGptResilienceOptions(),
            TotalTimeout = TimeSpan.FromMinutes(1),
            TimeProvider = TimeProvider.System,
            Logger = NullLogger.Instance,
        };
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        ResiliencePipelineFactory.Configure(builder, settings);
        using (await builder.Build().ExecuteAsync(static _ => ValueTask.FromResult(new HttpResponseMessage(HttpStatusCode.OK))).ConfigureAwait(false))
        {
        }

        // The first attempt's lane, which a first call takes while nobody observes Polly's telemetry.
        using (var invoker = new HttpMessageInvoker(new AnsweringHandler(), disposeHandler: true))
        using (var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/warm-up/"))
        {
            var context = ResilienceContextPool.Shared.Get(CancellationToken.None);
            try
            {
                var outcome = await new FirstAttemptLane(settings, limiter: null).RunAsync(invoker, request, context).ConfigureAwait(false);
                outcome.Result?.Dispose();
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        var account = new ChatGptRateLimitKey("http://127.0.0.1/warm-up/", null, null, null);
        using var queue = new RateBudgetQueue(new ChatGptInProcessRateBudgetStore(TimeProvider.System), new ChatGptRateBudgetKey(account, "warm-up"), new ChatGptRateBudgetPolicy(), 1, TimeProvider.System, NullLogger.Instance);
        var lease = await queue.AcquireAsync(1, null, CancellationToken.None).ConfigureAwait(false);
        queue.Report(new ChatGptRateBudgetFeedback { RequestLimit = 60, RequestWindow = TimeSpan.FromMinutes(1), RemainingRequests = 59, ProbeEnded = lease.IsProbe });
        queue.CorrectTokens(1, 2);
    }

    /// <summary>Answers every request with an empty 200, in memory.</summary>
    private sealed class AnsweringHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
    }
}
