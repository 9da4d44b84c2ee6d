using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ChatGpt.DependencyInjection.Internal;

/// <summary>
/// The one way every endpoint client (chat, and each client added later: files, fine-tuning, audio) is created for a
/// configuration: over that configuration's <see cref="HttpClient"/> (its handlers and resilience pipeline) with its
/// current options. <c>AddChatGpt(name, ...)</c> registers each as a keyed service under the name.
/// </summary>
internal static class ChatGptEndpointClients
{
    /// <summary>Registers every endpoint client of the configuration <paramref name="name"/> as keyed services.</summary>
    /// <remarks>An endpoint client added to <c>AddChatGpt()</c> gets one line here, so named configurations have it too.</remarks>
    public static void AddKeyed(IServiceCollection services, string name)
    {
        Add<IChatGptClient>(services, name, CreateChatClient);
        services.AddKeyedTransient(name, static (sp, key) => (ChatGptClient)sp.GetRequiredKeyedService<IChatGptClient>(key));
    }

    /// <summary>Registers one endpoint client of a named configuration as a keyed transient service.</summary>
    public static void Add<TService>(IServiceCollection services, string name, Func<HttpClient, ChatGptOptions, IServiceProvider, TService> create)
        where TService : class =>
        services.TryAddKeyedTransient<TService>(name, (sp, _) => Create(sp, name, create));

    /// <summary>Creates an endpoint client of the configuration <paramref name="name"/> (<see cref="string.Empty"/>: the default one).</summary>
    public static TService Create<TService>(IServiceProvider services, string name, Func<HttpClient, ChatGptOptions, IServiceProvider, TService> create)
    {
        var httpClient = services.GetRequiredService<IHttpClientFactory>().CreateClient(ChatGptRegistrationMarker.HttpClientName(name));
        var options = services.GetRequiredService<ChatGptOptionsProvider>().Get(name);
        return create(httpClient, options, services);
    }

    /// <summary>The chat client over a configuration's HTTP client and options, with the container's clock, logging and metrics.</summary>
    public static ChatGptClient CreateChatClient(HttpClient httpClient, ChatGptOptions options, IServiceProvider services) =>
        new(httpClient, options, services.GetService<TimeProvider>(), services.GetService<ILoggerFactory>(), services.GetService<IMeterFactory>());

    /// <summary>The options of the configuration <paramref name="name"/>, for code that configures its HTTP client.</summary>
    public static ChatGptOptions Options(IServiceProvider services, string name) => services.GetRequiredService<ChatGptOptionsProvider>().Get(name);
}
