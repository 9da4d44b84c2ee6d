using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace ChatGpt.Tests.Resilience;

public class ChatGptResilienceRegistrationTests
{
    [Fact]
    public async Task AddChatGptResilience_CalledAgain_OnePipeline()
    {
        var attempts = 0;
        var services = new ServiceCollection();
        services.AddChatGpt(o =>
        {
            o.ApiKey = "sk-test";
            o.BaseAddress = new Uri("https://twice.test.invalid/v1/");
            o.Resilience.MaxRetries = 1;
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
        })
            .AddChatGptResilience()
            .ConfigurePrimaryHttpMessageHandler(() => new CountingHandler(() => Interlocked.Increment(ref attempts), HttpStatusCode.ServiceUnavailable));
        await using var provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<ChatGptException>(() => provider.GetRequiredService<IChatGptClient>().CreateChatCompletionAsync(ResilienceTestHost.Request()));

        // One retry, not one per registration (a second pipeline would make it four attempts).
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task AddChatGpt_RemoveAllResilienceHandlers_NoRetries()
    {
        var attempts = 0;
        var services = new ServiceCollection();
#pragma warning disable EXTEXP0001 // Experimental in Microsoft.Extensions.Http.Resilience 10.0; the documented way out.
        services.AddChatGpt(o =>
            {
                o.ApiKey = "sk-test";
                o.BaseAddress = new Uri("https://removed.test.invalid/v1/");
            })
            .RemoveAllResilienceHandlers()
#pragma warning restore EXTEXP0001
            .ConfigurePrimaryHttpMessageHandler(() => new CountingHandler(() => Interlocked.Increment(ref attempts), HttpStatusCode.ServiceUnavailable));
        await using var provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<ChatGptException>(() => provider.GetRequiredService<IChatGptClient>().CreateChatCompletionAsync(ResilienceTestHost.Request()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(1, attempts);
    }

    private sealed class CountingHandler(Action onSend, HttpStatusCode status = HttpStatusCode.BadRequest) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            onSend();
            return Task.FromResult(ResilienceTestHost.Error((int)status));
        }
    }
}
