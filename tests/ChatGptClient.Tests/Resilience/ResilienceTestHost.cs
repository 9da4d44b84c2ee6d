using System.Collections.Concurrent;
using System.Net;
using System.Text;
using ChatGpt.Chat;
using ChatGpt.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChatGpt.Tests.Resilience;

/// <summary>
/// A client built by <c>AddChatGpt</c> over a scripted server handler and a fake clock: every attempt the server sees is recorded with the
/// fake time it arrived at, and <see cref="RunAsync{T}"/> moves the clock while a call waits.
/// </summary>
internal sealed class ResilienceTestHost : IDisposable
{
    public const string ApiKey = "sk-test-0123456789-secret";

    public const string SuccessJson =
        """{"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}}""";

    private readonly ServiceProvider _services;
    private int _attemptCount;

    public ResilienceTestHost(Func<int, HttpRequestMessage, HttpResponseMessage> respond, Action<ChatGptOptions>? configure = null, Uri? baseAddress = null, FakeTimeProvider? time = null)
        : this((attempt, request, _) => Task.FromResult(respond(attempt, request)), configure, baseAddress, time)
    {
    }

    public ResilienceTestHost(Func<int, HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond, Action<ChatGptOptions>? configure = null, Uri? baseAddress = null, FakeTimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Handler = new LambdaHandler((request, cancellationToken) =>
        {
            var attempt = Interlocked.Increment(ref _attemptCount) - 1;
            Attempts.Enqueue((Time.GetUtcNow(), request));
            return respond(attempt, request, cancellationToken);
        });

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Debug));
        services.AddChatGpt(options =>
        {
            options.ApiKey = ApiKey;
            options.BaseAddress = baseAddress ?? new Uri("https://api.test.invalid/v1/");
            configure?.Invoke(options);
        }).ConfigurePrimaryHttpMessageHandler(() => Handler);
        _services = services.BuildServiceProvider();
        Client = _services.GetRequiredService<IChatGptClient>();
    }

    public FakeTimeProvider Time { get; }

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

    /// <summary>Runs a call to its end, advancing the fake clock by <paramref name="step"/> whenever it is waiting.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> call, TimeSpan? step = null, int maxSteps = 100_000)
    {
        var task = call();
        var increment = step ?? TimeSpan.FromMilliseconds(50);
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            // Let the pipeline reach its next timer before the clock moves.
            await Task.WhenAny(task, Task.Delay(1));
            if (!task.IsCompleted)
            {
                Time.Advance(increment);
            }
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public Task<ChatCompletion> ChatAsync(TimeSpan? step = null, CancellationToken cancellationToken = default) =>
        RunAsync(() => Client.CreateChatCompletionAsync(Request(), cancellationToken), step);

    public async Task<ChatGptException> ChatFailsAsync(TimeSpan? step = null)
    {
        var task = RunAsync(() => Client.CreateChatCompletionAsync(Request()), step);
        return await Assert.ThrowsAnyAsync<ChatGptException>(() => task);
    }

    /// <summary>
    /// Asserts that attempt <paramref name="attempt"/> came at least <paramref name="atLeast"/> after the one before
    /// (the property under test: never early), and not absurdly later. The upper slack absorbs the real time the
    /// pipeline needs to arm its next timer while <see cref="RunAsync{T}"/> moves the clock on a loaded machine.
    /// </summary>
    public void AssertGap(int attempt, TimeSpan atLeast) => Assert.InRange(Gap(attempt), atLeast, atLeast + TimeSpan.FromSeconds(2));

    /// <summary>The state of a model's budget (the default model's unless named), without taking from it.</summary>
    public ChatGptRateBudgetSnapshot Budget(string modelGroup = ChatGptDefaults.ChatModel)
    {
        var options = _services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ChatGptOptions>>().Value;
        var store = _services.GetRequiredService<IChatGptRateBudgetStore>();
        return store.ReportAsync(new ChatGptRateBudgetKey(ChatGptRateLimitKey.From(options), modelGroup), new ChatGptRateBudgetPolicy(), default, CancellationToken.None).AsTask().Result;
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

    private static string Quote(string? value) => value is null ? "null" : $"\"{value}\"";

    private sealed class LambdaHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => send(request, cancellationToken);
    }
}
