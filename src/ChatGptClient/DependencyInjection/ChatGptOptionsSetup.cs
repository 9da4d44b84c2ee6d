using Microsoft.Extensions.Options;

namespace ChatGpt.DependencyInjection;

/// <summary>Fills what the user left out: the API key from <c>OPENAI_API_KEY</c> and the trailing slash of the base address.</summary>
internal sealed class ChatGptOptionsSetup : IPostConfigureOptions<ChatGptOptions>
{
    public void PostConfigure(string? name, ChatGptOptions options) => ApplyDefaults(options);

    public static void ApplyDefaults(ChatGptOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(ChatGptOptions.ApiKeyEnvironmentVariable);
            options.ApiKey = string.IsNullOrWhiteSpace(fromEnvironment) ? null : fromEnvironment.Trim();
        }

        if (options.BaseAddress is { IsAbsoluteUri: true } address)
        {
            options.BaseAddress = WithTrailingSlash(address);
        }
    }

    /// <summary>Without the slash, relative paths would replace the last segment (<c>/v1</c>) instead of extending it.</summary>
    public static Uri WithTrailingSlash(Uri address) =>
        address.AbsolutePath.EndsWith('/') ? address : new Uri(address.GetLeftPart(UriPartial.Path) + "/" + address.Query);
}
