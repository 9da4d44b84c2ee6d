using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatGpt.Audio.Internal;

/// <summary>Registers <see cref="IChatGptAudioClient"/> as a typed client of the same named <see cref="HttpClient"/> as the
/// chat client, so it shares its handlers: the resilience pipeline, the primary handler (an emulator in tests) and any
/// handler a user added to the builder that <c>AddChatGpt</c> returns.</summary>
internal static class AudioClientRegistration
{
    public static void Add(IServiceCollection services, string httpClientName)
    {
        services.AddHttpClient<IChatGptAudioClient, ChatGptAudioClient>(httpClientName, static (httpClient, serviceProvider) =>
            new ChatGptAudioClient(
                httpClient,
                serviceProvider.GetRequiredService<IOptions<ChatGptOptions>>(),
                serviceProvider.GetService<TimeProvider>(),
                serviceProvider.GetService<ILoggerFactory>(),
                serviceProvider.GetService<IMeterFactory>()));
        services.TryAddTransient(static serviceProvider => (ChatGptAudioClient)serviceProvider.GetRequiredService<IChatGptAudioClient>());
    }
}
