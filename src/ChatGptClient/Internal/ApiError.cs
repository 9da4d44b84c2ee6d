using System.Text.Json;

namespace ChatGpt.Internal;

/// <summary>The fields of an API error (<c>{"error":{"message","type","code","param"}}</c>), from a body or a stream event.</summary>
/// <param name="Message">The human-readable message.</param>
/// <param name="Type">The error's <c>type</c>, e.g. <c>invalid_request_error</c>.</param>
/// <param name="Code">The error's <c>code</c>, e.g. <c>insufficient_quota</c>.</param>
/// <param name="Param">The request parameter at fault.</param>
internal readonly record struct ApiError(string? Message, string? Type, string? Code, string? Param)
{
    /// <summary>
    /// Parses an error body: <c>{"error":{...}}</c>, or the fields at the top level as compatible servers (FastAPI-based
    /// ones, proxies) send them. The one parser of error bodies: the retry decision and the exception read its result.
    /// </summary>
    /// <returns>Whether the body is an API error.</returns>
    public static bool TryParse(ReadOnlySpan<byte> body, out ApiError error)
    {
        error = default;
        if (body.IsEmpty)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (root.TryGetProperty("error", out var inner))
            {
                error = FromElement(inner);
                return true;
            }

            var message = AsText(root, "message") ?? AsText(root, "detail");
            var type = AsText(root, "type");
            var code = AsText(root, "code");
            if (message is not null || type is not null || code is not null)
            {
                error = new ApiError(message, type, code, AsText(root, "param"));
                return true;
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads an <c>error</c> value: an object with the fields, or a bare string.</summary>
    public static ApiError FromElement(JsonElement error)
    {
        if (error.ValueKind == JsonValueKind.String)
        {
            return new ApiError(error.GetString(), null, null, null);
        }

        if (error.ValueKind != JsonValueKind.Object)
        {
            return new ApiError(error.GetRawText(), null, null, null);
        }

        return new ApiError(AsText(error, "message"), AsText(error, "type"), AsText(error, "code"), AsText(error, "param"));
    }

    private static string? AsText(JsonElement obj, string name) =>
        !obj.TryGetProperty(name, out var value) ? null : value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };
}
