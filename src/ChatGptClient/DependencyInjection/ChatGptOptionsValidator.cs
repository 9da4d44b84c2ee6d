using ChatGpt.Internal;
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
        else
        {
            ValidateAddress(options.BaseAddress, "ChatGptOptions.BaseAddress", options, failures);
            if (string.IsNullOrWhiteSpace(options.ApiKey) && options.GetTokenProvider() is null && !options.AllowsMissingApiKey)
            {
                failures.Add($"ChatGptOptions.ApiKey is required for {options.BaseAddress.Host}: set it in configuration (ChatGpt:ApiKey, e.g. with dotnet user-secrets), in code, or in the {ChatGptOptions.ApiKeyEnvironmentVariable} environment variable (or UseTokenProvider / UseAzureCredential for Microsoft Entra ID). Only loopback servers may run without a key.");
            }
        }

        if (options.ApiKey is { } key && (key.Any(char.IsWhiteSpace) || key.Any(char.IsControl)))
        {
            failures.Add("ChatGptOptions.ApiKey contains white space or control characters; check how it was copied.");
        }
        else if (options.ApiKey is { } asciiKey && HeaderValues.Problem(asciiKey) is { } keyProblem)
        {
            failures.Add($"ChatGptOptions.ApiKey {keyProblem}; check how it was copied.");
        }

        if (options.ApiKeyHeaderName is { } header && (header.Length == 0 || header.Any(c => c <= ' ' || c >= 127 || c == ':')))
        {
            failures.Add("ChatGptOptions.ApiKeyHeaderName must be a header name such as api-key, or unset for Authorization: Bearer.");
        }

        if (options.ApiVersion is { } version && (string.IsNullOrWhiteSpace(version) || version.Any(c => c <= ' ' || c is '&' or '#' or '?')))
        {
            failures.Add("ChatGptOptions.ApiVersion must be a version such as 2024-10-21, or unset.");
        }

        AddHeaderProblem(options.Organization, "ChatGptOptions.Organization", failures);
        AddHeaderProblem(options.Project, "ChatGptOptions.Project", failures);

        if (options.MaxResponseBytes <= 0)
        {
            failures.Add("ChatGptOptions.MaxResponseBytes must be positive.");
        }

        if (options.MaxStreamEventBytes <= 0)
        {
            failures.Add("ChatGptOptions.MaxStreamEventBytes must be positive.");
        }

        AddTimeoutProblem(options.ResponseBodyIdleTimeout, "ChatGptOptions.ResponseBodyIdleTimeout", failures);

        AddTimeoutProblem(options.Timeout, "ChatGptOptions.Timeout", failures);

        if (options.DefaultModel is { } model && string.IsNullOrWhiteSpace(model))
        {
            failures.Add("ChatGptOptions.DefaultModel must not be blank; leave it unset to require a model on every request.");
        }

        if (options.Resilience is null)
        {
            failures.Add("ChatGptOptions.Resilience must not be null.");
        }
        else
        {
            AddTimeoutProblem(options.Resilience.StreamIdleTimeout, "ChatGptOptions.Resilience.StreamIdleTimeout", failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// The rules for the address requests go to, also applied to an <see cref="HttpClient.BaseAddress"/> that wins over
    /// the option: no user info (a password would surface in messages and logs), and no API key in clear text to a
    /// remote server unless <see cref="ChatGptOptions.AllowApiKeyOverHttp"/>. Messages never quote the address.
    /// </summary>
    internal static void ValidateAddress(Uri address, string source, ChatGptOptions options, List<string> failures)
    {
        if (!string.IsNullOrEmpty(address.UserInfo))
        {
            failures.Add($"{source} must not contain user info (user:password@host): it would be shown wherever the address is. Authenticate with ChatGptOptions.ApiKey, or add the credentials in a DelegatingHandler.");
        }

        var sendsSecret = !string.IsNullOrWhiteSpace(options.ApiKey) || options.GetTokenProvider() is not null;
        if (address.Scheme == Uri.UriSchemeHttp && sendsSecret && !ChatGptOptions.IsLoopback(address) && !options.AllowApiKeyOverHttp)
        {
            failures.Add($"{source} is http:// to {address.Host}, which is not a loopback address: the API key would cross the network in clear text. Use https, or set ChatGptOptions.AllowApiKeyOverHttp = true if the network to that server is trusted.");
        }
    }

    private static void AddHeaderProblem(string? value, string source, List<string> failures)
    {
        if (value is not null && HeaderValues.Problem(value) is { } problem)
        {
            failures.Add($"{source} {problem}; it is sent as an HTTP header.");
        }
    }

    private static void AddTimeoutProblem(TimeSpan timeout, string source, List<string> failures)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        if (timeout <= TimeSpan.Zero)
        {
            failures.Add($"{source} must be positive, or Timeout.InfiniteTimeSpan to disable it.");
        }
        else if (timeout > ChatGptDefaults.LongestTimeout)
        {
            failures.Add($"{source} must be at most {ChatGptDefaults.LongestTimeout.TotalDays:0.#} days (what a timer accepts), or Timeout.InfiniteTimeSpan to disable it.");
        }
    }
}
