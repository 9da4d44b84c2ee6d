using ChatGpt.Chat;
using ChatGpt.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatGpt.Tests.Security;

/// <summary>Clients of the defence tests: direct over an <see cref="HttpClient"/>, or through <c>AddChatGpt</c>.</summary>
internal static class SecurityTestClients
{
    public static ChatCompletionRequest Hello() => new() { Model = "gpt-4o-mini", Messages = [ChatMessage.User("Hello!")] };

    public static ChatGptClient Direct(Uri baseAddress, Action<ChatGptOptions>? configure = null, HttpMessageHandler? handler = null, TimeProvider? time = null)
    {
        var options = new ChatGptOptions { ApiKey = TestClients.ApiKey, BaseAddress = baseAddress };
        configure?.Invoke(options);
        return new ChatGptClient(new HttpClient(handler ?? new SocketsHttpHandler()), Options.Create(options), time);
    }

    public static ServiceProvider WithDependencyInjection(Uri baseAddress, Action<ChatGptOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddChatGpt(o =>
        {
            o.ApiKey = TestClients.ApiKey;
            o.BaseAddress = baseAddress;
            configure?.Invoke(o);
        });
        return services.BuildServiceProvider();
    }

    public static async Task DrainAsync<T>(IAsyncEnumerable<T> stream)
    {
        await foreach (var _ in stream)
        {
        }
    }
}
