using System.Net;
using ChatGpt.Chat;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatGpt.IntegrationTests.Resilience;

public class LoopbackStreamingTests
{
    private const string Chunk = """{"id":"c1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"x"},"finish_reason":null}]}""";

    [Fact]
    public async Task StreamChatCompletion_LongerThanAttemptTimeout_NotCutWhileEventsFlow()
    {
        // Events every 150 ms for 1.2 s, against a 400 ms attempt timeout: the attempt timeout bounds the wait for the
        // response to start, never a stream that is making progress.
        await using var app = await StartAsync(events: 8, every: TimeSpan.FromMilliseconds(150));
        await using var provider = CreateClient(app, o => o.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(400));
        var client = provider.GetRequiredService<IChatGptClient>();

        var received = 0;
        await foreach (var chunk in client.StreamChatCompletionAsync(new ChatCompletionRequest { Messages = [ChatMessage.User("go")] }))
        {
            received++;
        }

        Assert.Equal(8, received);
    }

    [Fact]
    public async Task StreamChatCompletion_SilentLongerThanIdleTimeout_AbandonedWithTypedError()
    {
        await using var app = await StartAsync(events: 2, every: TimeSpan.FromSeconds(1.5));
        await using var provider = CreateClient(app, o => o.Resilience.StreamIdleTimeout = TimeSpan.FromMilliseconds(500));
        var client = provider.GetRequiredService<IChatGptClient>();

        var error = await Assert.ThrowsAsync<ChatGptException>(async () =>
        {
            await foreach (var chunk in client.StreamChatCompletionAsync(new ChatCompletionRequest { Messages = [ChatMessage.User("go")] }))
            {
            }
        });

        Assert.Contains("StreamIdleTimeout", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider CreateClient(WebApplication app, Action<ChatGptOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddChatGpt(o =>
        {
            o.BaseAddress = new Uri(app.Urls.Single() + "/v1/");
            configure(o);
        });
        return services.BuildServiceProvider();
    }

    private static async Task<WebApplication> StartAsync(int events, TimeSpan every)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/v1/chat/completions", async (HttpContext http) =>
        {
            http.Response.ContentType = "text/event-stream";
            try
            {
                for (var i = 0; i < events; i++)
                {
                    await http.Response.WriteAsync($"data: {Chunk}\n\n", http.RequestAborted);
                    await http.Response.Body.FlushAsync(http.RequestAborted);
                    await Task.Delay(every, http.RequestAborted);
                }

                await http.Response.WriteAsync("data: [DONE]\n\n", http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up on the stream.
            }
        });
        await app.StartAsync();
        return app;
    }
}
