using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ChatGpt.Files.Internal;

/// <summary>A small JSON request body serialized once with its source-generated contract: it has a Content-Length and a
/// retry resends the same bytes.</summary>
internal static class JsonBody
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json");

    public static ByteArrayContent Create<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
        content.Headers.ContentType = s_json;
        return content;
    }
}
