namespace ChatGpt.Testing.Internal;

/// <summary>Checks <c>Authorization: Bearer</c> like the API, with its 401 messages (a wrong key is shown masked).</summary>
internal static class ApiKeyAuthenticator
{
    private const string MissingKeyMessage =
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.";

    /// <exception cref="ApiErrorException">401: no key while one is required, or not <paramref name="apiKey"/>.</exception>
    public static void Check(IncomingRequest incoming, bool requireApiKey, string? apiKey)
    {
        if (apiKey is null && !requireApiKey)
        {
            return;
        }

        var authorization = incoming.Header("Authorization");
        var key = authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
        if (string.IsNullOrEmpty(key))
        {
            throw new ApiErrorException(401, MissingKeyMessage);
        }

        if (apiKey is not null && !string.Equals(key, apiKey, StringComparison.Ordinal))
        {
            // Like the API, show only the ends of the key, never the whole of it.
            var masked = key.Length >= 12 ? string.Concat(key.AsSpan(0, 3), new string('*', key.Length - 7), key.AsSpan(key.Length - 4)) : "***";
            throw new ApiErrorException(401, $"Incorrect API key provided: {masked}. You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error", null, "invalid_api_key");
        }
    }
}
