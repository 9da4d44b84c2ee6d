using Microsoft.Extensions.Options;

namespace ChatGpt.DependencyInjection;

/// <summary>Checks the options at start-up, so a missing key or a bad address fails the host, not the first call.</summary>
internal sealed class ChatGptOptionsValidator : IValidateOptions<ChatGptOptions>
{
    public static ChatGptOptionsValidator Instance { get; } = new();

    public ValidateOptionsResult Validate(string? name, ChatGptOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.BaseAddress is null || !options.BaseAddress.IsAbsoluteUri || (options.BaseAddress.Scheme != Uri.UriSchemeHttps && options.BaseAddress.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"ChatGptOptions.BaseAddress must be an absolute http or https URI, such as {ChatGptDefaults.BaseAddress}.");
        }
        else if (string.IsNullOrWhiteSpace(options.ApiKey) && options.GetTokenProvider() is null && !options.AllowsMissingApiKey)
        {
            failures.Add($"ChatGptOptions.ApiKey is required for {options.BaseAddress.Host}: set it in configuration (ChatGpt:ApiKey, e.g. with dotnet user-secrets), in code, or in the {ChatGptOptions.ApiKeyEnvironmentVariable} environment variable (or UseTokenProvider / UseAzureCredential for Microsoft Entra ID). Only loopback servers may run without a key.");
        }

        if (options.ApiKey is { } key && (key.Any(char.IsWhiteSpace) || key.Any(char.IsControl)))
        {
            failures.Add("ChatGptOptions.ApiKey contains white space or control characters; check how it was copied.");
        }

        if (options.ApiKeyHeaderName is { } header && (header.Length == 0 || header.Any(c => c <= ' ' || c >= 127 || c == ':')))
        {
            failures.Add("ChatGptOptions.ApiKeyHeaderName must be a header name such as api-key, or unset for Authorization: Bearer.");
        }

        if (options.ApiVersion is { } version && (string.IsNullOrWhiteSpace(version) || version.Any(c => c <= ' ' || c is '&' or '#' or '?')))
        {
            failures.Add("ChatGptOptions.ApiVersion must be a version such as 2024-10-21, or unset.");
        }

        if (options.Timeout <= TimeSpan.Zero && options.Timeout != Timeout.InfiniteTimeSpan)
        {
            failures.Add("ChatGptOptions.Timeout must be positive, or Timeout.InfiniteTimeSpan to disable it.");
        }

        if (options.DefaultModel is { } model && string.IsNullOrWhiteSpace(model))
        {
            failures.Add("ChatGptOptions.DefaultModel must not be blank; leave it unset to require a model on every request.");
        }

        if (options.Resilience is null)
        {
            failures.Add("ChatGptOptions.Resilience must not be null.");
        }
        else if (options.Resilience.StreamIdleTimeout <= TimeSpan.Zero && options.Resilience.StreamIdleTimeout != Timeout.InfiniteTimeSpan)
        {
            failures.Add("ChatGptOptions.Resilience.StreamIdleTimeout must be positive, or Timeout.InfiniteTimeSpan to disable it.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
