using ChatGpt;
using ChatGpt.AI.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.AI;

/// <summary>Exposes <see cref="IChatGptClient"/> as a Microsoft.Extensions.AI <see cref="IChatClient"/>.</summary>
/// <remarks>
/// With dependency injection, register the pipeline with Microsoft.Extensions.AI's <c>AddChatClient</c>:
/// <code>
/// services.AddChatGpt();
/// services.AddChatClient(sp =&gt; sp.CreateChatGptChatClient())
///     .UseFunctionInvocation()
///     .UseOpenTelemetry();
/// </code>
/// </remarks>
public static class ChatGptChatClientExtensions
{
    /// <summary>Wraps the client in an <see cref="IChatClient"/>, so Microsoft.Extensions.AI middleware
    /// (function invocation, OpenTelemetry, caching, logging) runs over it.</summary>
    /// <param name="client">The client.</param>
    /// <param name="defaultModel">The model used when <see cref="ChatOptions.ModelId"/> is not set; <see cref="ChatGptOptions.DefaultModel"/> when <see langword="null"/>.</param>
    /// <returns>The chat client. Disposing it does not dispose <paramref name="client"/>.</returns>
    public static IChatClient AsIChatClient(this IChatGptClient client, string? defaultModel = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new ChatGptChatClient(client, () => client, defaultModel);
    }

    /// <summary>
    /// Creates an <see cref="IChatClient"/> over the <see cref="IChatGptClient"/> registered by <c>AddChatGpt</c>, for
    /// <c>services.AddChatClient(sp =&gt; sp.CreateChatGptChatClient())</c>.
    /// </summary>
    /// <remarks>The typed client is resolved for every call rather than captured, so the singleton chat client
    /// keeps getting handlers rotated by <see cref="IHttpClientFactory"/> (DNS changes are picked up).</remarks>
    /// <param name="services">The service provider.</param>
    /// <param name="defaultModel">The model used when <see cref="ChatOptions.ModelId"/> is not set; <see cref="ChatGptOptions.DefaultModel"/> when <see langword="null"/>.</param>
    /// <returns>The chat client.</returns>
    /// <exception cref="InvalidOperationException"><c>AddChatGpt</c> was not called.</exception>
    public static IChatClient CreateChatGptChatClient(this IServiceProvider services, string? defaultModel = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        // Resolved once now so a missing AddChatGpt fails at registration time, not at the first call.
        var first = services.GetRequiredService<IChatGptClient>();
        return new ChatGptChatClient(first, services.GetRequiredService<IChatGptClient>, defaultModel);
    }
}
