namespace ChatGpt.Internal;

/// <summary>
/// The rule for every value the client writes into a header: printable ASCII only. A CR or LF would inject headers (or
/// split one call into two requests on the wire); other control characters and non-ASCII text are rejected by the
/// handler at send time, which would look like a connection failure and be retried.
/// </summary>
internal static class HeaderValues
{
    /// <summary>Why <paramref name="value"/> is not a header value, or <see langword="null"/> when it is one. Never quotes the value.</summary>
    public static string? Problem(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (c is '\r' or '\n')
            {
                return "contains a line break (CR or LF), which would inject headers into the request";
            }

            if (c is (< ' ' and not '\t') or '\u007f')
            {
                return "contains a control character";
            }

            if (c > '~')
            {
                return "contains a non-ASCII character, which HTTP headers cannot carry";
            }
        }

        return null;
    }

    /// <summary>
    /// Checks a value at call time (a per-request value, or an option changed after start-up) and fails the call with a
    /// <see cref="ChatGptException"/> before anything is sent; it is never retried.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="source">Where it comes from, e.g. <c>ChatGptOptions.Project</c>, for the message.</param>
    public static void EnsureValid(string value, string source)
    {
        if (Problem(value) is { } problem)
        {
            throw new ChatGptException($"The request was not sent: {source} {problem}. Fix the value (it is sent as an HTTP header).", new ArgumentException($"{source} {problem}.", source));
        }
    }
}
