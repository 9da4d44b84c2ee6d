using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using ChatGpt.Serialization;

namespace ChatGpt.Chat.Internal;

/// <summary>
/// Builds the JSON Schema of a .NET type with <see cref="JsonSchemaExporter"/>, shaped for OpenAI's strict structured
/// outputs: every object closes <c>additionalProperties</c> and lists all its properties as <c>required</c>
/// (optional values are expressed as nullable types instead, which strict mode accepts).
/// </summary>
internal static class StrictJsonSchema
{
    private const int MaxNameLength = 64;

    private static readonly JsonSchemaExporterOptions s_strictOptions = new()
    {
        TransformSchemaNode = static (_, node) => CloseObject(node),
    };

    private static readonly JsonSchemaExporterOptions s_looseOptions = new();

    public static JsonElement Create(JsonTypeInfo typeInfo, bool strict, bool requireObject = false)
    {
        var node = typeInfo.GetJsonSchemaAsNode(strict ? s_strictOptions : s_looseOptions);

        // A reference type at the root comes out as ["object", "null"]; the answer is never null and strict mode wants "object".
        if (node is JsonObject root && root["type"] is JsonArray types && types.Count == 2 && types.Any(static t => t?.GetValue<string>() == "null") && types.FirstOrDefault(static t => t?.GetValue<string>() != "null") is { } single)
        {
            root["type"] = single.GetValue<string>();
        }

        if ((strict || requireObject) && !IsObjectSchema(node))
        {
            throw new ArgumentException(
                requireObject
                    ? $"Function parameters are a JSON object, but {typeInfo.Type.Name} is not serialized as an object. Use a class or record whose properties are the parameters."
                    : $"Strict structured outputs need a JSON object at the root, but {typeInfo.Type.Name} is not serialized as an object. Wrap it in a class or record, or pass strict: false.",
                nameof(typeInfo));
        }

        return JsonSerializer.SerializeToElement(node, ChatGptJsonContext.Default.JsonNode);
    }

    /// <summary>A schema name the API accepts: a-z, A-Z, 0-9, underscores and dashes, at most 64 characters.</summary>
    public static string NameFor(Type type)
    {
        var name = type.Name;
        var builder = new StringBuilder(Math.Min(name.Length, MaxNameLength));
        foreach (var c in name)
        {
            if (builder.Length == MaxNameLength)
            {
                break;
            }

            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_');
        }

        return builder.Length == 0 ? "response" : builder.ToString();
    }

    private static JsonNode CloseObject(JsonNode node)
    {
        if (node is JsonObject schema && schema["properties"] is JsonObject properties && IsObjectSchema(schema))
        {
            schema["additionalProperties"] = false;
            var required = new JsonArray();
            foreach (var property in properties)
            {
                required.Add((JsonNode)JsonValue.Create(property.Key));
            }

            schema["required"] = required;
        }

        return node;
    }

    private static bool IsObjectSchema(JsonNode node)
    {
        if (node is not JsonObject schema || !schema.TryGetPropertyValue("type", out var type) || type is null)
        {
            return false;
        }

        return type.GetValueKind() switch
        {
            JsonValueKind.String => type.GetValue<string>() == "object",
            JsonValueKind.Array => type.AsArray().Any(static t => t?.GetValueKind() == JsonValueKind.String && t.GetValue<string>() == "object"),
            _ => false,
        };
    }
}
