namespace ChatGpt.Internal;

/// <summary>Shows addresses without what must not be shown: user info (<c>user:password@</c>) never leaves this type.</summary>
internal static class UriText
{
    /// <summary>The address with any user info replaced by <c>***@</c>; the address itself when it has none.</summary>
    public static string? Redact(Uri? uri)
    {
        if (uri is null)
        {
            return null;
        }

        if (!uri.IsAbsoluteUri || string.IsNullOrEmpty(uri.UserInfo))
        {
            return uri.ToString();
        }

        return string.Concat(uri.Scheme, "://***@", uri.GetComponents(UriComponents.HostAndPort | UriComponents.PathAndQuery | UriComponents.Fragment, UriFormat.UriEscaped));
    }

    /// <summary>Scheme, host, port and path: what an error may name of the address it called (no user info, no query).</summary>
    public static string? PathOnly(Uri? uri) =>
        uri is null ? null : !uri.IsAbsoluteUri ? uri.OriginalString : uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
}
