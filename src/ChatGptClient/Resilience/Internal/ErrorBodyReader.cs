using System.Text.Json;

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
    /// servers send them.</summary>
    public static (string? Type, string? Code) Parse(ReadOnlySpan<byte> body)
    {
        string? type = null, code = null, innerType = null, innerCode = null;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, null);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            if (reader.ValueTextEquals("type"u8))
                            {
                                reader.Read();
                                innerType = ReadScalar(ref reader);
                            }
                            else if (reader.ValueTextEquals("code"u8))
                            {
                                reader.Read();
                                innerCode = ReadScalar(ref reader);
                            }
                            else
                            {
                                reader.Read();
                                reader.Skip();
                            }
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    type = ReadScalar(ref reader);
                }
                else if (reader.ValueTextEquals("code"u8))
                {
                    reader.Read();
                    code = ReadScalar(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // Malformed or truncated: keep what was read before the fault.
        }

        return (innerType ?? type, innerCode ?? code);
    }

    private static string? ReadScalar(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                reader.Skip();
                return null;
            default:
                return null;
        }
    }
}
