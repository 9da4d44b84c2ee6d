using Azure.Core;
using ChatGpt.Azure.Internal;

namespace ChatGpt.Azure;

/// <summary>Authenticates a ChatGpt configuration to Azure OpenAI with Microsoft Entra ID.</summary>
public static class ChatGptAzureOptionsExtensions
{
    /// <summary>The token scope of Azure OpenAI (Azure AI services).</summary>
    public const string DefaultScope = "https://cognitiveservices.azure.com/.default";

    /// <summary>
    /// Sends <c>Authorization: Bearer</c> tokens from <paramref name="credential"/> (e.g. <c>DefaultAzureCredential</c>,
    /// <c>ManagedIdentityCredential</c>) instead of an API key; no API key is required.
    /// </summary>
    /// <remarks>Tokens are cached and refreshed before they expire, once for all concurrent calls; they are never
    /// logged. A failure to get a token surfaces as a <see cref="ChatGptException"/> naming the credential's error.</remarks>
    /// <param name="options">The options of the configuration.</param>
    /// <param name="credential">The credential.</param>
    /// <param name="scope">The token scope; <see cref="DefaultScope"/> when <see langword="null"/>.</param>
    /// <returns>The options, for chaining.</returns>
    public static ChatGptOptions UseAzureCredential(this ChatGptOptions options, TokenCredential credential, string? scope = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credential);
        return options.UseTokenProvider(new TokenCredentialProvider(credential, scope ?? DefaultScope, TimeProvider.System));
    }
}
