namespace ChatGpt.Testing.Internal;

/// <summary>A request as either host hands it to the engine; the body is not read yet (the route decides how).</summary>
internal sealed record IncomingRequest(string Method, string Path, string Query, IReadOnlyList<KeyValuePair<string, string>> Headers, RequestBody Body)
{
    public string? Header(string name)
    {
        foreach (var (key, value) in Headers)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    public string? QueryParameter(string name)
    {
        var query = Query.AsSpan().TrimStart('?');
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            var equals = pair.IndexOf('=');
            var key = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).ToString().Replace('+', ' '));
            if (key == name)
            {
                return equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].ToString().Replace('+', ' '));
            }
        }

        return null;
    }
}
