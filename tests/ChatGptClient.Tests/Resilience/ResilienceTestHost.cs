using System.Collections.Concurrent;
using System.Net;
using System.Text;
using ChatGpt.Chat;
using ChatGpt.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ChatGpt.Resilience.Internal;
using ChatGpt.Tests.TestSupport;

namespace ChatGpt.Tests.Resilience;

/// <summary>
/// A client built by <c>AddChatGpt</c> over a scripted server handler and a <see cref="SteppingClock"/>: every attempt the
/// server sees is recorded with the fake time it arrived at, and <see cref="RunAsync{T}"/> moves the clock only while a
/// call waits (a retry delay, the limiter's queue, a server that holds the request), exactly to the next due timer.
/// </summary>
internal sealed class ResilienceTestHost : IDisposable
{
    public const string ApiKey = "sk-test-0123456789-secret";

    public const string SuccessJson =
        """{"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}}""";

    private readonly ServiceProvider _services;
    private int _attemptCount;

    public ResilienceTestHost(Func<int, HttpRequestMessage, HttpResponseMessage> respond, Action<ChatGptOptions>? configure = null, Uri? baseAddress = null, SteppingClock? time = null)
        : this(observePolly: false, respond, configure, baseAddress, time)
    {
    }

    public ResilienceTestHost(Func<int, HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond, Action<ChatGptOptions>? configure = null, Uri? baseAddress = null, SteppingClock? time = null)
        : this(observePolly: false, respond, configure, baseAddress, time)
    {
    }

    public ResilienceTestHost(bool observePolly, Func<int, HttpRequestMessage, HttpResponseMessage> respond, Action<ChatGptOptions>? configure = null, Uri? baseAddress = null, SteppingClock? time = null)
        : this(observePolly, (attempt, request, _) => Task.FromResult(respond(attempt, request)), configure, baseAddress, time)
    {
    }

    /// <param name="observePolly">Whether Polly's log category is enabled at Debug: the pipeline then runs every attempt
    /// with Polly's telemetry; otherwise, as in an application that does not log Polly at Debug, the first attempt runs
    /// on <see cref="FirstAttemptLane"/> and the pipeline replays anything but a success.</param>
    /// <param name="respond">The server: (attempt number, request, token) to its answer.</param>
    /// <param name="configure">Changes to the client's options.</param>
    /// <param name="baseAddress">The API's address.</param>
    /// <param name="time">The clock.</param>
    public ResilienceTestHost(bool observePolly, Func<int, HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond, Action<ChatGptOptions>? configure = null, Uri? baseAddress = null, SteppingClock? time = null)
    {
        Time = time ?? new SteppingClock();
        Handler = new LambdaHandler((request, cancellationToken) =>
        {
            var attempt = Interlocked.Increment(ref _attemptCount) - 1;
            Attempts.Enqueue((Time.GetUtcNow(), request));
            var answer = respond(attempt, request, cancellationToken);

            // A server that has not answered holds the call: the clock may move (to an attempt timeout, say).
            return answer.IsCompleted ? answer : HeldAsync(answer, Time.Hold(), cancellationToken);
        });

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddLogging(logging =>
        {
            logging.AddFakeLogging().SetMinimumLevel(LogLevel.Debug);
            if (!observePolly)
            {
                logging.AddFilter(PollyTelemetryWatch.Name, LogLevel.Information);
            }
        });
        services.AddChatGpt(options =>
        {
            options.ApiKey = ApiKey;
            options.BaseAddress = baseAddress ?? new Uri("https://api.test.invalid/v1/");
            configure?.Invoke(options);
        }).ConfigurePrimaryHttpMessageHandler(() => Handler);
        _services = services.BuildServiceProvider();
        Client = _services.GetRequiredService<IChatGptClient>();
    }

    public SteppingClock Time { get; }

    /// <summary>The server: a plain handler rather than MockHttp, whose response lambdas get no cancellation token
    /// (attempt timeouts and cancellation could not be observed through it).</summary>
    public HttpMessageHandler Handler { get; }

    public ConcurrentQueue<(DateTimeOffset At, HttpRequestMessage Request)> Attempts { get; } = new();

    public IChatGptClient Client { get; }

    public IServiceProvider Services => _services;

    public FakeLogCollector Logs => _services.GetFakeLogCollector();

    public static ChatCompletionRequest Request(string text = "hello") => new() { Messages = [ChatMessage.User(text)] };

    public static HttpResponseMessage Success() => Json(HttpStatusCode.OK, SuccessJson);

    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    public static HttpResponseMessage Error(int status, string? code = null, string? type = null, params (string Name, string Value)[] headers) =>
        Json((HttpStatusCode)status, $$$"""{"error":{"message":"failure {{{status}}}","type":{{{Quote(type)}}},"code":{{{Quote(code)}}},"param":null}}""", headers);

    /// <summary>Runs a call to its end, moving the fake clock to the next due timer whenever the call waits.</summary>
    public Task<T> RunAsync<T>(Func<Task<T>> call) => Time.RunAsync(call());

    public Task<ChatCompletion> ChatAsync(CancellationToken cancellationToken = default) =>
        RunAsync(() => Client.CreateChatCompletionAsync(Request(), cancellationToken));

    public async Task<ChatGptException> ChatFailsAsync()
    {
        var task = RunAsync(() => Client.CreateChatCompletionAsync(Request()));
        return await Assert.ThrowsAnyAsync<ChatGptException>(() => task);
    }

    /// <summary>
    /// Asserts that attempt <paramref name="attempt"/> came exactly <paramref name="expected"/> after the one before: the
    /// clock only moves to due timers, so a wait is measured exactly. <paramref name="granularity"/> allows for a timer
    /// the code rounds up (the limiter's queue arms whole milliseconds, and re-arms one more when a bucket is a hair short).
    /// </summary>
    public void AssertGap(int attempt, TimeSpan expected, TimeSpan granularity = default) => Assert.InRange(Gap(attempt), expected, expected + granularity);

    /// <summary>Asserts that attempt <paramref name="attempt"/> waited what the server asked, plus the client's fixed timer pad.</summary>
    public void AssertServerWait(int attempt, TimeSpan asked) => Assert.Equal(asked + ChatGptResilienceDefaults.ServerWaitPadding, Gap(attempt));

    /// <summary>The state of a model's budget (the default model's unless named), without taking from it.</summary>
    public ChatGptRateBudgetSnapshot Budget(string modelGroup = ChatGptDefaults.ChatModel)
    {
        var options = _services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ChatGptOptions>>().Value;
        var store = _services.GetRequiredService<IChatGptRateBudgetStore>();
        var key = new ChatGptRateBudgetKey(ChatGptRateLimitKey.From(options), modelGroup);

        // The in-process store hears routine feedback at the budget's next question; a reader asks the queue first.
        foreach (var queue in ChatGpt.Resilience.Internal.RateBudgetRegistry.All().Where(q => q.Key == key))
        {
            queue.Current();
        }

        return store.ReportAsync(key, new ChatGptRateBudgetPolicy(), default, CancellationToken.None).AsTask().Result;
    }

    public TimeSpan Gap(int attempt)
    {
        var all = Attempts.ToArray();
        return all[attempt].At - all[attempt - 1].At;
    }

    public void Dispose()
    {
        _services.Dispose();
        Handler.Dispose();
    }

    private static async Task<HttpResponseMessage> HeldAsync(Task<HttpResponseMessage> answer, IDisposable hold, CancellationToken cancellationToken)
    {
        // Released before the caller sees the answer, so the clock never moves for a server that has already answered;
        // and at once when the attempt is cancelled (inside the timer that cancels it): a hold released later, by the
        // answer's continuation, would let the clock run on to the next deadline (the total timeout) in between.
        using (hold)
        using (cancellationToken.Register(static h => ((IDisposable)h!).Dispose(), hold))
        {
            return await answer.ConfigureAwait(false);
        }
    }

    private static string Quote(string? value) => value is null ? "null" : $"\"{value}\"";

    private sealed class LambdaHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => send(request, cancellationToken);
    }
}
