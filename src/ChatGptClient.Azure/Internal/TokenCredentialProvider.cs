using Azure.Core;
using ChatGpt.Authentication;

namespace ChatGpt.Azure.Internal;

/// <summary>
/// Caches the credential's token and refreshes it ahead of expiry. One refresh runs at a time; while it runs, callers
/// keep the current token if it is still valid, so a slow identity endpoint does not stall every call.
/// </summary>
internal sealed class TokenCredentialProvider(TokenCredential credential, string scope, TimeProvider timeProvider) : ChatGptTokenProvider
{
    /// <summary>How long before expiry a token is refreshed, when the credential gives no refresh time.</summary>
    internal static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly TokenRequestContext _context = new([scope]);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Cached? _cached;

    public override async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var cached = _cached;
        if (cached is not null && now < cached.RefreshAt)
        {
            return cached.Token;
        }

        // A still-valid token is used while another caller refreshes; an expired (or missing) one waits for the refresh.
        if (cached is not null && now < cached.ExpiresOn && !_refresh.Wait(0, CancellationToken.None))
        {
            return cached.Token;
        }

        if (cached is null || now >= cached.ExpiresOn)
        {
            await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            cached = _cached;
            now = timeProvider.GetUtcNow();
            if (cached is not null && now < cached.RefreshAt)
            {
                return cached.Token; // Refreshed by the caller we waited for.
            }

            try
            {
                var token = await credential.GetTokenAsync(_context, cancellationToken).ConfigureAwait(false);
                var refreshAt = token.RefreshOn ?? token.ExpiresOn - RefreshMargin;
                _cached = cached = new Cached(token.Token, token.ExpiresOn, refreshAt);
                return cached.Token;
            }
            catch (Exception) when (cached is not null && timeProvider.GetUtcNow() < cached.ExpiresOn && !cancellationToken.IsCancellationRequested)
            {
                // The refresh failed early: the current token is still good, the next call tries again.
                return cached.Token;
            }
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Never shows the token.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => $"TokenCredentialProvider {{ Credential = {credential.GetType().Name}, Scope = {scope} }}";

    private sealed record Cached(string Token, DateTimeOffset ExpiresOn, DateTimeOffset RefreshAt)
    {
        public override string ToString() => $"Cached {{ ExpiresOn = {ExpiresOn:O} }}";
    }
}
