namespace ChatGpt.Authentication;

/// <summary>
/// Supplies the bearer token sent instead of an API key, for servers that authenticate callers with short-lived tokens
/// (Azure OpenAI with Microsoft Entra ID: see the <c>ChatGptClient.Azure</c> package).
/// </summary>
/// <remarks>
/// Set it with <see cref="ChatGptOptions.UseTokenProvider"/>; <c>AddChatGpt</c> then asks it for a token before every
/// attempt (retries included) and sends <c>Authorization: Bearer</c> with it, and no API key is required. The
/// implementation caches and refreshes tokens itself: it is called once per attempt. Tokens are never logged.
/// </remarks>
public abstract class ChatGptTokenProvider
{
    /// <summary>Gets the token for the next request.</summary>
    /// <param name="cancellationToken">Cancels the wait, e.g. when the call is cancelled.</param>
    /// <returns>The token, without the <c>Bearer</c> prefix.</returns>
    public abstract ValueTask<string> GetTokenAsync(CancellationToken cancellationToken);
}
