namespace ChatGpt.Testing.Internal;

/// <summary>
/// A method and a path template such as <c>/v1/files/{file_id}/content</c>: literal segments match exactly, a
/// <c>{name}</c> segment matches one non-empty segment and captures it (URL-decoded) as a route value, and a last
/// <c>{*name}</c> segment captures the rest of the path, slashes included (model ids such as <c>org/model</c>).
/// </summary>
internal sealed class EmulatorRoute
{
    private readonly string[] _segments;

    public EmulatorRoute(string method, string template, RequestBodyKind body = RequestBodyKind.None)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(template);
        if (template[0] != '/')
        {
            throw new ArgumentException("A route template starts with '/'.", nameof(template));
        }

        Method = method.ToUpperInvariant();
        Template = template;
        Body = body;
        _segments = template.Split('/', StringSplitOptions.RemoveEmptyEntries);
    }

    public string Method { get; }

    public string Template { get; }

    /// <summary>How the request body is read for this route.</summary>
    public RequestBodyKind Body { get; }

    /// <summary>Matches a request path (without query; a trailing slash is ignored).</summary>
    public bool TryMatch(string method, string path, out IReadOnlyDictionary<string, string> values)
    {
        values = RouteValues.Empty;
        if (!string.Equals(method, Method, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return TryMatchPath(path, out values);
    }

    /// <summary>Whether the path matches whatever the method (to tell a wrong method from an unknown path).</summary>
    public bool TryMatchPath(string path, out IReadOnlyDictionary<string, string> values)
    {
        values = RouteValues.Empty;
        var span = path.AsSpan().Trim('/');
        Dictionary<string, string>? captured = null;
        var index = 0;
        foreach (var range in span.Split('/'))
        {
            var segment = span[range];
            if (index >= _segments.Length || segment.IsEmpty)
            {
                return false;
            }

            var expected = _segments[index++];
            if (expected.StartsWith("{*", StringComparison.Ordinal) && expected[^1] == '}' && index == _segments.Length)
            {
                captured ??= new Dictionary<string, string>(StringComparer.Ordinal);
                captured[expected[2..^1]] = Uri.UnescapeDataString(span[range.Start.GetOffset(span.Length)..].ToString());
                values = captured;
                return true;
            }

            if (expected.Length > 2 && expected[0] == '{' && expected[^1] == '}')
            {
                captured ??= new Dictionary<string, string>(StringComparer.Ordinal);
                captured[expected[1..^1]] = Uri.UnescapeDataString(segment.ToString());
            }
            else if (!segment.Equals(expected, StringComparison.Ordinal))
            {
                return false;
            }
        }

        if (index != _segments.Length)
        {
            return false;
        }

        values = captured ?? RouteValues.Empty;
        return true;
    }

    public override string ToString() => $"{Method} {Template}";
}
