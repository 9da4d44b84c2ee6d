using System.Diagnostics.Metrics;
using ChatGpt.Audio;
using ChatGpt.Files;
using ChatGpt.FineTuning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatGpt.DependencyInjection.Internal;

/// <summary>
/// The one way every endpoint client (chat, files, fine-tuning, audio…) is created for a configuration: over that
/// configuration's <see cref="HttpClient"/> (its handlers and resilience pipeline) with its current options (reloads
/// apply to the next client), and the container's clock, logging and metrics. The default configuration's clients are
/// plain services; a named configuration's are keyed services under its name.
/// </summary>
internal static class ChatGptEndpointClients
{
    /// <summary>The constructor every endpoint client has: HTTP client, options, clock, logging, metrics.</summary>
    public delegate TClient Constructor<out TClient>(HttpClient httpClient, IOptions<ChatGptOptions> options, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, IMeterFactory? meterFactory);

    /// <summary>Registers the endpoint clients of the configuration <paramref name="name"/> (<see cref="string.Empty"/>: the default one).</summary>
    /// <remarks>A new endpoint client gets one line here; the default <see cref="IChatGptClient"/> stays the typed client
    /// that <c>AddChatGpt()</c> has always registered.</remarks>
    public static void Add(IServiceCollection services, string name)
    {
        if (name.Length > 0)
        {
            Add<IChatGptClient>(services, name, static (h, o, t, l, m) => new ChatGptClient(h, o, t, l, m));
            services.TryAddKeyedTransient(name, static (sp, key) => (ChatGptClient)sp.GetRequiredKeyedService<IChatGptClient>(key));
        }

        Add<IChatGptFilesClient>(services, name, static (h, o, t, l, m) => new ChatGptFilesClient(h, o, t, l, m));
        Add<IChatGptFineTuningClient>(services, name, static (h, o, t, l, m) => new ChatGptFineTuningClient(h, o, t, l, m));
        Add<IChatGptAudioClient>(services, name, static (h, o, t, l, m) => new ChatGptAudioClient(h, o, t, l, m));
    }

    /// <summary>Creates the chat client of the configuration <paramref name="name"/> over a given HTTP client (the typed-client path).</summary>
    public static ChatGptClient CreateChatClient(HttpClient httpClient, IServiceProvider services, string name) =>
        Construct(httpClient, services, name, static (h, o, t, l, m) => new ChatGptClient(h, o, t, l, m));

    /// <summary>The current options of the configuration <paramref name="name"/>.</summary>
    public static ChatGptOptions Options(IServiceProvider services, string name) => services.GetRequiredService<ChatGptOptionsProvider>().Get(name);

    private static void Add<TClient>(IServiceCollection services, string name, Constructor<TClient> create)
        where TClient : class
    {
        if (name.Length == 0)
        {
            services.TryAddTransient(sp => Create(sp, name, create));
        }
        else
        {
            services.TryAddKeyedTransient<TClient>(name, (sp, _) => Create(sp, name, create));
        }
    }

    private static TClient Create<TClient>(IServiceProvider services, string name, Constructor<TClient> create) =>
        Construct(services.GetRequiredService<IHttpClientFactory>().CreateClient(ChatGptRegistrationMarker.HttpClientName(name)), services, name, create);

    private static TClient Construct<TClient>(HttpClient httpClient, IServiceProvider services, string name, Constructor<TClient> create) =>
        create(
            httpClient,
            Microsoft.Extensions.Options.Options.Create(Options(services, name)),
            services.GetService<TimeProvider>(),
            services.GetService<ILoggerFactory>(),
            services.GetService<IMeterFactory>());
}
