using ChatGpt.Internal;

namespace ChatGpt.Resilience.Internal;

/// <summary>
/// Reads <c>error.type</c> and <c>error.code</c> from an error response, buffering the body (errors only: a success body
/// may be a long stream) so that the client can still read it afterwards to build its exception.
/// </summary>
internal static class ErrorBodyReader
{
    /// <summary>Error bodies are small; a larger one is not an API error worth parsing.</summary>
    internal const int MaxBytes = 64 * 1024;

    public static async ValueTask<(string? Type, string? Code)> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Content is not { } content || content.Headers.ContentLength is > MaxBytes)
        {
            return (null, null);
        }

        byte[] body;
        try
        {
            await content.LoadIntoBufferAsync(MaxBytes, cancellationToken).ConfigureAwait(false);
            body = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException)
        {
            // A body that cannot be read leaves the decision to the status alone.
            return (null, null);
        }

        return Parse(body);
    }

    /// <summary>Finds <c>type</c> and <c>code</c> in <c>{"error":{...}}</c>, or at the top level as some compatible
    /// servers send them, with the same reader that builds the exception.</summary>
    public static (string? Type, string? Code) Parse(ReadOnlySpan<byte> body) => ChatGptErrors.ReadTypeAndCode(body);
}
