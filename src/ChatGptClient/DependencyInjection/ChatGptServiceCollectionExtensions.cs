using System.Diagnostics.Metrics;
using ChatGpt;
using ChatGpt.DependencyInjection;
using ChatGpt.Files;
using ChatGpt.FineTuning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="IChatGptClient"/> as a typed <see cref="HttpClient"/> client.</summary>
public static class ChatGptServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IChatGptClient"/> (and <see cref="ChatGptClient"/>) with options configured in code, validated at
    /// start-up. The API key falls back to the <c>OPENAI_API_KEY</c> environment variable.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The builder of the typed client, to add handlers or replace the primary handler.</returns>
    public static IHttpClientBuilder AddChatGpt(this IServiceCollection services, Action<ChatGptOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ChatGptOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return AddCore(services);
    }

    /// <summary>
    /// Registers <see cref="IChatGptClient"/> (and <see cref="ChatGptClient"/>) with options bound from configuration, e.g. the
    /// <c>ChatGpt</c> section, and validated at start-up. Unknown keys fail the binding, so a typo is caught.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section holding the options (such as <c>ApiKey</c>, <c>BaseAddress</c>, <c>DefaultModel</c>).</param>
    /// <returns>The builder of the typed client.</returns>
    public static IHttpClientBuilder AddChatGpt(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ChatGptOptions>().Bind(configuration, static binder => binder.ErrorOnUnknownConfiguration = true);
        return AddCore(services);
    }

    /// <summary>Registers <see cref="IChatGptClient"/> with options bound from configuration and then adjusted in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section holding the options.</param>
    /// <param name="configure">Adjusts the bound options.</param>
    /// <returns>The builder of the typed client.</returns>
    public static IHttpClientBuilder AddChatGpt(this IServiceCollection services, IConfiguration configuration, Action<ChatGptOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = services.AddChatGpt(configuration);
        services.Configure(configure);
        return builder;
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services)
    {
        services.AddOptions<ChatGptOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<ChatGptOptions>, ChatGptOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatGptOptions>, ChatGptOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        var builder = services
            .AddHttpClient<IChatGptClient, ChatGptClient>(ChatGptClient.HttpClientName, static (httpClient, serviceProvider) =>
                new ChatGptClient(
                    httpClient,
                    serviceProvider.GetRequiredService<IOptions<ChatGptOptions>>(),
                    serviceProvider.GetService<TimeProvider>(),
                    serviceProvider.GetService<ILoggerFactory>(),
                    serviceProvider.GetService<IMeterFactory>()))
            .ConfigureHttpClient(static (serviceProvider, httpClient) =>
            {
                httpClient.BaseAddress = serviceProvider.GetRequiredService<IOptions<ChatGptOptions>>().Value.BaseAddress;

                // The client and the resilience pipeline own every timeout; HttpClient's 100 s default would cut long answers.
                httpClient.Timeout = Timeout.InfiniteTimeSpan;
            })

            // IHttpClientFactory's default request logs redact header values only in the formatted message: their
            // structured state carries the raw Authorization header (the API key) at Trace level, which structured
            // providers (JSON console, OpenTelemetry) export. The client logs every call itself (ChatGpt.ChatGptClient);
            // users who want the factory's logs back can call AddDefaultLogger() on the returned builder.
            .RemoveAllLoggers()

            // The API never redirects. Following one would resend the prompt, the key's account headers and the
            // organization and project to another origin (307/308), or turn the call into a GET elsewhere (301-303),
            // and let that origin's rate-limit headers govern the account. The client reports a 3xx as an error.
            // Configured on whatever primary handler is in place, so a handler the user sets later is theirs to set.
            .ConfigurePrimaryHttpMessageHandler(static (handler, _) => DisableRedirects(handler));

        services.TryAddTransient(static serviceProvider => (ChatGptClient)serviceProvider.GetRequiredService<IChatGptClient>());

        // The other endpoint clients: typed clients of the same named HttpClient, so they share its pipeline (resilience,
        // limiter, handlers) and the options; each is injectable on its own. One line per client.
        AddEndpointClient<IChatGptFilesClient, ChatGptFilesClient>(services, static (h, o, t, l, m) => new ChatGptFilesClient(h, o, t, l, m));
        AddEndpointClient<IChatGptFineTuningClient, ChatGptFineTuningClient>(services, static (h, o, t, l, m) => new ChatGptFineTuningClient(h, o, t, l, m));

        // Retries, rate limiting and attempt timeouts (a pass-through when ChatGptOptions.Resilience.Enabled is false).
        builder.AddChatGptResilience();
        return builder;
    }

    /// <summary>Turns off automatic redirects on the framework's handlers; other handlers are left as they are (a 3xx
    /// they return still fails the call, and a redirect they follow is detected from the request's changed address).</summary>
    internal static void DisableRedirects(HttpMessageHandler handler)
    {
        switch (handler)
        {
            case SocketsHttpHandler sockets:
                sockets.AllowAutoRedirect = false;
                break;
            case HttpClientHandler client:
                client.AllowAutoRedirect = false;
                break;
        }
    }

    /// <summary>Registers an endpoint client as a typed client of the <see cref="ChatGptClient.HttpClientName"/> client,
    /// built from the container's options, clock, logging and metrics, like <see cref="ChatGptClient"/>.</summary>
    private static void AddEndpointClient<TClient, TImplementation>(
        IServiceCollection services,
        Func<HttpClient, IOptions<ChatGptOptions>, TimeProvider?, ILoggerFactory?, IMeterFactory?, TImplementation> create)
        where TClient : class
        where TImplementation : class, TClient
    {
        services.AddHttpClient<TClient, TImplementation>(ChatGptClient.HttpClientName, (httpClient, serviceProvider) =>
            create(
                httpClient,
                serviceProvider.GetRequiredService<IOptions<ChatGptOptions>>(),
                serviceProvider.GetService<TimeProvider>(),
                serviceProvider.GetService<ILoggerFactory>(),
                serviceProvider.GetService<IMeterFactory>()));
    }
}
