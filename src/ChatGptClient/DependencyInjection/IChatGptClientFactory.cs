namespace ChatGpt.DependencyInjection;

/// <summary>Creates the <see cref="IChatGptClient"/> of a configuration registered with <c>AddChatGpt</c>, by name.</summary>
/// <remarks>
/// The named form of <see cref="System.Net.Http.IHttpClientFactory"/>: useful when the name is only known at run time
/// (a tenant, a route). When it is known at compile time, inject <c>[FromKeyedServices("name")] IChatGptClient</c>.
/// Every client returned uses the configuration's options as they are now (a reloaded key or address applies to the
/// next client created), its own <see cref="HttpClient"/> and its own resilience pipeline.
/// </remarks>
public interface IChatGptClientFactory
{
    /// <summary>Creates the client of the configuration registered under <paramref name="name"/>.</summary>
    /// <param name="name">The name given to <c>AddChatGpt(name, ...)</c>; <see cref="string.Empty"/> for the default
    /// configuration registered with <c>AddChatGpt(...)</c>.</param>
    /// <returns>A client; cheap to create, safe to use concurrently, no need to dispose it.</returns>
    /// <exception cref="InvalidOperationException">No configuration of that name is registered.</exception>
    IChatGptClient CreateClient(string name);
}
