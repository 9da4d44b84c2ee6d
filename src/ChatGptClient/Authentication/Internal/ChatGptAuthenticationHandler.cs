using System.Net.Http.Headers;

namespace ChatGpt.Authentication.Internal;

/// <summary>
/// Applies a configuration's provider-specific authentication to every attempt: a bearer token from
/// <see cref="ChatGptTokenProvider"/>, the API key in another header (<c>api-key</c> for Azure OpenAI), and the
/// <c>api-version</c> query parameter. A handler rather than code in each endpoint client, so that every client of the
/// configuration (chat, files, audio) authenticates the same way; inside the resilience handler, so each retry gets a
/// fresh token.
/// </summary>
/// <remarks>Created with the options current when <see cref="IHttpClientFactory"/> builds the handler chain (it rotates
/// chains every two minutes, so a reloaded authentication mode applies within that time).</remarks>
internal sealed class ChatGptAuthenticationHandler(ChatGptOptions options) : DelegatingHandler
{
    private readonly ChatGptTokenProvider? _tokenProvider = options.GetTokenProvider();
    private readonly string? _apiKeyHeaderName = options.ApiKeyHeaderName;
    private readonly string? _apiVersionQuery = options.ApiVersion is { Length: > 0 } version ? "api-version=" + Uri.EscapeDataString(version) : null;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Apply(request);

        // Plain keys (the common case) pass through without an async frame of their own.
        return _tokenProvider is null ? base.SendAsync(request, cancellationToken) : SendWithTokenAsync(request, _tokenProvider, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendWithTokenAsync(HttpRequestMessage request, ChatGptTokenProvider tokenProvider, CancellationToken cancellationToken)
    {
        string token;
        try
        {
            token = await tokenProvider.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ChatGptException)
        {
            // Not an HTTP failure: the pipeline does not retry it, and the message names the cause (never the token).
            throw new ChatGptException($"Getting a token for {request.RequestUri?.Host} failed: {ex.Message}", ex);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private void Apply(HttpRequestMessage request)
    {
        if (_apiKeyHeaderName is not null && request.Headers.Authorization is { Scheme: "Bearer", Parameter: { } key } && _tokenProvider is null)
        {
            request.Headers.Authorization = null;
            request.Headers.Remove(_apiKeyHeaderName);
            request.Headers.TryAddWithoutValidation(_apiKeyHeaderName, key);
        }

        if (_apiVersionQuery is not null && request.RequestUri is { IsAbsoluteUri: true } uri && !HasApiVersion(uri.Query))
        {
            var builder = new UriBuilder(uri) { Query = uri.Query.Length > 1 ? uri.Query[1..] + "&" + _apiVersionQuery : _apiVersionQuery };
            request.RequestUri = builder.Uri;
        }
    }

    private static bool HasApiVersion(string query) =>
        query.StartsWith("?api-version=", StringComparison.Ordinal) || query.Contains("&api-version=", StringComparison.Ordinal);
}
