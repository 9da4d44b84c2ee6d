using System.Diagnostics.Metrics;
using System.Net;
using ChatGpt.Chat;
using ChatGpt.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Polly.Telemetry;

namespace ChatGpt.Tests.Resilience;

/// <summary>The pipeline <c>AddChatGpt</c> runs on Polly directly: rebuilt when its options reload, and Polly's own
/// telemetry (metrics, logs, an application's listeners) still there for whoever observes it.</summary>
public sealed class ResiliencePipelineSourceTests
{
    [Fact]
    public async Task Reload_RetriesChanged_NextCallUsesThemAndAnInvalidChangeKeepsTheLast()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChatGpt:ApiKey"] = "sk-reload",
            ["ChatGpt:BaseAddress"] = TestClients.BaseUrl,
            ["ChatGpt:Resilience:MaxRetries"] = "0",
            ["ChatGpt:Resilience:BaseDelay"] = "00:00:00.001",
            ["ChatGpt:Resilience:UseJitter"] = "false",
        }).Build();
        var attempts = 0;
        var services = new ServiceCollection();
        services.AddChatGpt(configuration.GetSection("ChatGpt"))
            .ConfigurePrimaryHttpMessageHandler(() => new StubHandler(() => Interlocked.Increment(ref attempts)));
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IChatGptClient>();

        await Assert.ThrowsAsync<ChatGptException>(() => client.CreateChatCompletionAsync(Request()));
        Assert.Equal(1, attempts);

        configuration["ChatGpt:Resilience:MaxRetries"] = "2";
        configuration.Reload();
        await Assert.ThrowsAsync<ChatGptException>(() => client.CreateChatCompletionAsync(Request()));
        Assert.Equal(1 + 3, attempts);

        configuration["ChatGpt:Resilience:MaxRetries"] = "-1";
        try
        {
            configuration.Reload();
        }
        catch (AggregateException)
        {
            // IOptionsMonitor recomputes invalid options inside the reload callback and throws there (see OptionsReloadTests).
        }

        await Assert.ThrowsAsync<ChatGptException>(() => client.CreateChatCompletionAsync(Request()));
        Assert.Equal(1 + 3 + 3, attempts);
    }

    [Fact]
    public async Task PollyMetrics_SomeoneListens_TheyGetThePipelineDuration()
    {
        var durations = new List<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Polly" && instrument.Name == "resilience.polly.pipeline.duration")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            string? pipeline = null, status = null;
            foreach (var tag in tags)
            {
                pipeline = tag.Key == "pipeline.name" ? tag.Value as string : pipeline;
                status = tag.Key == "error.type" ? tag.Value as string : status;
            }

            if (pipeline?.Contains("polly-metrics", StringComparison.Ordinal) == true)
            {
                lock (durations)
                {
                    durations.Add($"{pipeline} {status}");
                }
            }
        });
        listener.Start();
        await using var provider = Named("polly-metrics");

        await provider.GetRequiredKeyedService<IChatGptClient>("polly-metrics").CreateChatCompletionAsync(Request());

        Assert.Equal(["ChatGpt:polly-metrics-ChatGpt 200"], durations);
    }

    [Fact]
    public async Task PollyTelemetry_ApplicationListener_GetsEveryEventOfThePipeline()
    {
        var events = new List<string>();
        var services = new ServiceCollection();
        services.Configure<TelemetryOptions>(o => o.TelemetryListeners.Add(new RecordingListener(events)));
        await using var provider = Named("polly-listener", services);

        await provider.GetRequiredKeyedService<IChatGptClient>("polly-listener").CreateChatCompletionAsync(Request());

        Assert.Equal(["PipelineExecuting", "ExecutionAttempt", "PipelineExecuted"], events);
    }

    [Fact]
    public async Task SynchronousSend_ServerError_RetriedThroughThePipeline()
    {
        var attempts = 0;
        var services = new ServiceCollection();
        services.AddChatGpt(o =>
        {
            o.ApiKey = "sk-sync";
            o.BaseAddress = new Uri(TestClients.BaseUrl);
            o.Resilience.MaxRetries = 2;
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
        }).ConfigurePrimaryHttpMessageHandler(() => new StubHandler(() => Interlocked.Increment(ref attempts)));
        await using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(ChatGptClient.HttpClientName);

        using var response = http.Send(new HttpRequestMessage(HttpMethod.Get, "models"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(3, attempts);
    }

    private static ServiceProvider Named(string name, IServiceCollection? services = null)
    {
        services ??= new ServiceCollection();
        services.AddChatGpt(name, o =>
        {
            o.ApiKey = "sk-polly";
            o.BaseAddress = new Uri(TestClients.BaseUrl);
        }).ConfigurePrimaryHttpMessageHandler(() => new StubHandler(() => { }, HttpStatusCode.OK));
        return services.BuildServiceProvider();
    }

    private static ChatCompletionRequest Request() => new() { Model = "gpt-4o-mini", Messages = [ChatMessage.User("Hi")] };

    private sealed class RecordingListener(List<string> events) : TelemetryListener
    {
        public override void Write<TResult, TArgs>(in TelemetryEventArguments<TResult, TArgs> args)
        {
            if (args.Source.PipelineName?.Contains("polly-listener", StringComparison.Ordinal) == true)
            {
                lock (events)
                {
                    events.Add(args.Event.EventName);
                }
            }
        }
    }

    private sealed class StubHandler(Action onSend, HttpStatusCode status = HttpStatusCode.ServiceUnavailable) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Send(request, cancellationToken));

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            onSend();
            return status == HttpStatusCode.OK
                ? new HttpResponseMessage(status) { Content = new StringContent(Bodies.ChatCompletion, System.Text.Encoding.UTF8, "application/json") }
                : ResilienceTestHost.Error((int)status);
        }
    }
}
