using ChatGpt;
using ChatGpt.Authentication.Internal;
using ChatGpt.DependencyInjection;
using ChatGpt.DependencyInjection.Internal;
using ChatGpt.Internal;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="IChatGptClient"/> as a typed <see cref="HttpClient"/> client, once by default and once per named configuration.</summary>
public static class ChatGptServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IChatGptClient"/> (and <see cref="ChatGptClient"/>) with options configured in code, validated at
    /// start-up. The API key falls back to the <c>OPENAI_API_KEY</c> environment variable, the base address to <c>OPENAI_BASE_URL</c>.
    /// </summary>
    /// <remarks>Call it once: a second call fails at start-up, since it would merge two servers' settings (and send one's
    /// key to the other). For a second server, use <see cref="AddChatGpt(IServiceCollection, string, Action{ChatGptOptions}?)"/>.</remarks>
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
    /// <c>ChatGpt</c> section, and validated at start-up. Unknown keys fail the binding, so a typo is caught. A change of
    /// the configuration while running applies to new calls once it validates; an invalid change is logged and ignored.
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

    /// <summary>
    /// Registers a named configuration, side by side with the default one and other named ones: its own options
    /// (validated at start-up), <see cref="HttpClient"/>, resilience pipeline, rate-limit budget and telemetry. Inject it
    /// as <c>[FromKeyedServices("name")] IChatGptClient</c> (or a keyed <c>IChatClient</c> of Microsoft.Extensions.AI), or
    /// create it with <see cref="IChatGptClientFactory.CreateClient(string)"/>.
    /// </summary>
    /// <remarks>Environment variables (<c>OPENAI_API_KEY</c>, <c>OPENAI_BASE_URL</c>) apply to the default configuration
    /// only: a named configuration gets exactly what it is given, so the OpenAI key never reaches another server.</remarks>
    /// <param name="services">The services.</param>
    /// <param name="name">The configuration's name, e.g. <c>"drafts"</c>.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The builder of the configuration's <see cref="HttpClient"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public static IHttpClientBuilder AddChatGpt(this IServiceCollection services, string name, Action<ChatGptOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var options = services.AddOptions<ChatGptOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return AddNamedCore(services, name);
    }

    /// <summary>Registers a named configuration with options bound from configuration (unknown keys fail the binding).</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The configuration's name.</param>
    /// <param name="configuration">The configuration section holding the options.</param>
    /// <returns>The builder of the configuration's <see cref="HttpClient"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public static IHttpClientBuilder AddChatGpt(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ChatGptOptions>(name).Bind(configuration, static binder => binder.ErrorOnUnknownConfiguration = true);
        return AddNamedCore(services, name);
    }

    /// <summary>Registers a named configuration with options bound from configuration and then adjusted in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The configuration's name.</param>
    /// <param name="configuration">The configuration section holding the options.</param>
    /// <param name="configure">Adjusts the bound options.</param>
    /// <returns>The builder of the configuration's <see cref="HttpClient"/>.</returns>
    public static IHttpClientBuilder AddChatGpt(this IServiceCollection services, string name, IConfiguration configuration, Action<ChatGptOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = services.AddChatGpt(name, configuration);
        services.Configure(name, configure);
        return builder;
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services)
    {
        AddShared(services, Options.Options.DefaultName);

        var builder = services
            .AddHttpClient<IChatGptClient, ChatGptClient>(ChatGptClient.HttpClientName, static (httpClient, serviceProvider) =>
                ChatGptEndpointClients.CreateChatClient(httpClient, serviceProvider, Options.Options.DefaultName));
        ConfigureHttpClient(builder, Options.Options.DefaultName);
        services.TryAddTransient(static serviceProvider => (ChatGptClient)serviceProvider.GetRequiredService<IChatGptClient>());
        ChatGptEndpointClients.Add(services, Options.Options.DefaultName);
        return builder;
    }

    private static IHttpClientBuilder AddNamedCore(IServiceCollection services, string name)
    {
        AddShared(services, name);
        var builder = services.AddHttpClient(ChatGptRegistrationMarker.HttpClientName(name));
        ConfigureHttpClient(builder, name);
        ChatGptEndpointClients.Add(services, name);

        // Singleton like AddChatClient's: it resolves a fresh client per call, so reloads and handler rotation apply.
        services.TryAddKeyedSingleton<IChatClient>(name, static (sp, key) => sp.CreateKeyedChatGptChatClient((string)key!));
        return builder;
    }

    private static void AddShared(IServiceCollection services, string name)
    {
        StartupWarmUp.Start();
        services.AddSingleton(new ChatGptRegistrationMarker(name));
        services.AddOptions<ChatGptOptions>(name).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<ChatGptOptions>, ChatGptOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatGptOptions>, ChatGptOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatGptOptions>, DuplicateRegistrationValidator>());
        services.TryAddSingleton<ChatGptOptionsProvider>();
        services.TryAddSingleton<IChatGptClientFactory, ChatGptClientFactory>();
        services.TryAddSingleton(TimeProvider.System);
    }

    private static void ConfigureHttpClient(IHttpClientBuilder builder, string name)
    {
        builder
            .ConfigureHttpClient((serviceProvider, httpClient) =>
            {
                httpClient.BaseAddress = ChatGptEndpointClients.Options(serviceProvider, name).BaseAddress;

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

        // Retries, rate limiting and attempt timeouts (a pass-through when ChatGptOptions.Resilience.Enabled is false).
        builder.AddChatGptResilience(name);

        // Inside the pipeline: tokens, the api-key header and api-version apply to every attempt of every endpoint client.
        builder.AddHttpMessageHandler(serviceProvider => new ChatGptAuthenticationHandler(ChatGptEndpointClients.Options(serviceProvider, name)));
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
}
