using System.Security.Cryptography;
using System.Text;

namespace ChatGpt.Resilience;

/// <summary>
/// Names the account a rate limit belongs to: the same base address, API key, organization and project share one
/// limiter in the process, whichever client instance sends the call.
/// </summary>
/// <remarks>The API key is held only as a short SHA-256 fingerprint, so the key is safe to log.</remarks>
/// <param name="BaseAddress">The API's base address, upper-cased, without user info, query or trailing slash.</param>
/// <param name="ApiKeyFingerprint">The first 16 hex digits of the SHA-256 of the API key, or <see langword="null"/>
/// without a key.</param>
/// <param name="Organization">The <c>OpenAI-Organization</c>, if any.</param>
/// <param name="Project">The <c>OpenAI-Project</c>, if any.</param>
public readonly record struct ChatGptRateLimitKey(string BaseAddress, string? ApiKeyFingerprint, string? Organization, string? Project)
{
    /// <summary>The key of the account that <paramref name="options"/> calls.</summary>
    /// <param name="options">The client's options.</param>
    /// <returns>The key.</returns>
    public static ChatGptRateLimitKey From(ChatGptOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Without user info: a password in the URL must never reach a key that is logged, shown or stored.
        var address = options.BaseAddress is { IsAbsoluteUri: true } uri
            ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
            : options.BaseAddress?.OriginalString ?? string.Empty;
        return new ChatGptRateLimitKey(
            address.TrimEnd('/').ToUpperInvariant(),
            Fingerprint(options.ApiKey),
            string.IsNullOrEmpty(options.Organization) ? null : options.Organization,
            string.IsNullOrEmpty(options.Project) ? null : options.Project);
    }

    private static string? Fingerprint(string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey))
        {
            return null;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(apiKey), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }
}
