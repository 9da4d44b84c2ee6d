using Microsoft.Extensions.Options;

namespace ChatGpt.DependencyInjection;

/// <summary>Fills what the user left out: for the default configuration the API key from <c>OPENAI_API_KEY</c> and the
/// base address from <c>OPENAI_BASE_URL</c>; for every configuration the trailing slash of the base address.</summary>
internal sealed class ChatGptOptionsSetup : IPostConfigureOptions<ChatGptOptions>
{
    /// <summary>The name of the environment variable read when <see cref="ChatGptOptions.BaseAddress"/> is not set.</summary>
    public const string BaseUrlEnvironmentVariable = "OPENAI_BASE_URL";

    public void PostConfigure(string? name, ChatGptOptions options)
    {
        ApplyDefaults(name ?? Options.DefaultName, options);
        options.MarkSetUp();
    }

    /// <summary>Completes options given to a client constructor: as the default configuration's, unless
    /// <c>AddChatGpt</c> already completed them for their configuration (a named one must not take the environment's key).</summary>
    public static void ApplyDefaults(ChatGptOptions options)
    {
        if (!options.IsSetUp())
        {
            ApplyDefaults(Options.DefaultName, options);
        }
    }

    public static void ApplyDefaults(string name, ChatGptOptions options, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;

        // Environment variables describe one server (the default one): a named configuration that took them would send
        // the OpenAI key to whatever address it names.
        if (name.Length == 0)
        {
            if (string.IsNullOrWhiteSpace(options.ApiKey) && options.GetTokenProvider() is null)
            {
                var fromEnvironment = environment(ChatGptOptions.ApiKeyEnvironmentVariable);
                options.ApiKey = string.IsNullOrWhiteSpace(fromEnvironment) ? null : fromEnvironment.Trim();
            }

            if (!options.BaseAddressIsSet
                && environment(BaseUrlEnvironmentVariable) is { Length: > 0 } baseUrl
                && Uri.TryCreate(baseUrl.Trim(), UriKind.Absolute, out var fromEnvironmentAddress))
            {
                options.BaseAddress = fromEnvironmentAddress;
            }
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
