using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatGpt.DependencyInjection.Internal;

/// <summary>Resolves the keyed client of a name, so the factory and <c>[FromKeyedServices]</c> give the same client.</summary>
internal sealed class ChatGptClientFactory(IServiceProvider services) : IChatGptClientFactory
{
    public IChatGptClient CreateClient(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            return services.GetService<IChatGptClient>()
                ?? throw new InvalidOperationException("No default ChatGpt configuration is registered: call services.AddChatGpt(...).");
        }

        return services.GetKeyedService<IChatGptClient>(name)
            ?? throw new InvalidOperationException($"No ChatGpt configuration named '{name}' is registered: call services.AddChatGpt(\"{name}\", ...).");
    }
}
