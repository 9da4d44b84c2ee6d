namespace ChatGpt.DependencyInjection.Internal;

/// <summary>Left in the container by each <c>AddChatGpt</c> call, so that a second call for the same name is caught.</summary>
/// <param name="Name">The configuration's name; <see cref="string.Empty"/> for the default one.</param>
internal sealed record ChatGptRegistrationMarker(string Name)
{
    /// <summary>The name of the <see cref="HttpClient"/> (and of its resilience pipeline) of the configuration <paramref name="name"/>.</summary>
    public static string HttpClientName(string name) => name.Length == 0 ? ChatGptClient.HttpClientName : ChatGptClient.HttpClientName + ":" + name;

    /// <summary>The configuration an <see cref="HttpClient"/> name belongs to, or <see langword="null"/> when it is not a ChatGpt one.</summary>
    public static string? ConfigurationName(string httpClientName) =>
        httpClientName == ChatGptClient.HttpClientName ? string.Empty
        : httpClientName.StartsWith(ChatGptClient.HttpClientName + ":", StringComparison.Ordinal) ? httpClientName[(ChatGptClient.HttpClientName.Length + 1)..]
        : null;
}
