using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using ChatGpt.Chat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace ChatGpt.Tests.Diagnostics;

/// <summary>A client built by <c>AddChatGpt</c> over MockHttp, with a fake clock, fake logging and a private meter factory.</summary>
internal sealed class TelemetryHarness : IDisposable
{
    public const string ApiKey = "sk-test-0bservab1lity-K3Y-never-logged";
    public const string Host = "api.example.test";
    public const string ChatUrl = "https://api.example.test/v1/chat/completions";
    public const string CompletionsUrl = "https://api.example.test/v1/completions";
    public const string Prompt = "What is the capital of Freedonia?";
    public const string Answer = "Freedonia's capital is Fredville.";

    public const string ChatJson = """
        {"id":"chatcmpl-123","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_44709d6fcb","service_tier":"default",
         "choices":[{"index":0,"message":{"role":"assistant","content":"Freedonia's capital is Fredville."},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17}}
        """;

    public const string CompletionJson = """
        {"id":"cmpl-9","object":"text_completion","created":1700000000,"model":"gpt-3.5-turbo-instruct",
         "choices":[{"index":0,"text":"Fredville.","finish_reason":"length"}],
         "usage":{"prompt_tokens":7,"completion_tokens":3,"total_tokens":10}}
        """;

    public static readonly string[] ChatStreamEvents =
    [
        """{"id":"chatcmpl-s1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"role":"assistant","content":"Fred"},"finish_reason":null}]}""",
        """{"id":"chatcmpl-s1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"content":"ville."},"finish_reason":"stop"}]}""",
        """{"id":"chatcmpl-s1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini-2024-07-18","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":2,"total_tokens":14}}""",
    ];

    public TelemetryHarness(Action<ChatGptOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.AddFakeLogging().SetMinimumLevel(LogLevel.Trace));
        services.AddMetrics();
        services.AddSingleton<TimeProvider>(Time);
        services
            .AddChatGpt(options =>
            {
                options.ApiKey = ApiKey;
                options.BaseAddress = new Uri($"https://{Host}/v1/");

                // Retries would repeat the canned failures; these tests observe one attempt.
                options.Resilience.Enabled = false;
                configure?.Invoke(options);
            })
            .ConfigurePrimaryHttpMessageHandler(() => Handler);
        Services = services.BuildServiceProvider();
    }

    public MockHttpMessageHandler Handler { get; } = new();

    public FakeTimeProvider Time { get; } = new();

    public ServiceProvider Services { get; }

    public IChatGptClient Client => Services.GetRequiredService<IChatGptClient>();

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public IMeterFactory MeterFactory => Services.GetRequiredService<IMeterFactory>();

    public static ChatCompletionRequest ChatRequest() => new()
    {
        Model = "gpt-4o-mini",
        Messages = [ChatMessage.System("Answer briefly."), ChatMessage.User(Prompt)],
    };

    /// <summary>Answers with <paramref name="body"/> after the fake clock moved by <paramref name="latency"/>.</summary>
    public void RespondJson(string url, string body, TimeSpan latency = default, HttpStatusCode status = HttpStatusCode.OK) =>
        Handler.When(url).Respond(_ => JsonResponse(body, latency, status));

    /// <summary>Answers requests with <paramref name="method"/> to <paramref name="url"/> (any query) like <see cref="RespondJson(string, string, TimeSpan, HttpStatusCode)"/>.</summary>
    public void RespondJson(HttpMethod method, string url, string body, TimeSpan latency = default, HttpStatusCode status = HttpStatusCode.OK) =>
        Handler.When(method, url).Respond(_ => JsonResponse(body, latency, status));

    private HttpResponseMessage JsonResponse(string body, TimeSpan latency, HttpStatusCode status)
    {
        Time.Advance(latency);
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        AddOpenAIHeaders(response);
        return response;
    }

    public void RespondStream(string url, IEnumerable<string> events, TimeSpan latency = default)
    {
        var body = new StringBuilder();
        foreach (var item in events)
        {
            body.Append("data: ").Append(item).Append("\n\n");
        }

        body.Append("data: [DONE]\n\n");
        Handler.When(url).Respond(_ =>
        {
            Time.Advance(latency);
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body.ToString(), Encoding.UTF8, "text/event-stream") };
            AddOpenAIHeaders(response);
            return response;
        });
    }

    public void Dispose()
    {
        Services.Dispose();
        Handler.Dispose();
    }

    private static void AddOpenAIHeaders(HttpResponseMessage response)
    {
        response.Headers.Add("x-request-id", "req_abc123");
        response.Headers.Add("openai-processing-ms", "321");
        response.Headers.Add("x-ratelimit-limit-requests", "10000");
        response.Headers.Add("x-ratelimit-remaining-requests", "9999");
        response.Headers.Add("x-ratelimit-reset-requests", "6ms");
        response.Headers.Add("x-ratelimit-limit-tokens", "200000");
        response.Headers.Add("x-ratelimit-remaining-tokens", "199983");
        response.Headers.Add("x-ratelimit-reset-tokens", "6m0s");
    }
}
