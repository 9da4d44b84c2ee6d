using System.Text.Json;
using System.Text.Json.Serialization;
using ChatGpt.Chat;

namespace ChatGpt.Serialization;

/// <summary>Reads and writes <c>tool_choice</c>: a mode string or a typed object naming a tool.</summary>
internal sealed class ChatToolChoiceJsonConverter : JsonConverter<ChatToolChoice>
{
    public override ChatToolChoice? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return ChatToolChoice.FromWire(reader.GetString(), null, null, null);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("tool_choice must be a string or an object.");
        }

        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
        string? name = null;
        string? mode = null;
        List<string>? allowed = null;
        if (type is not null && root.TryGetProperty(type, out var body) && body.ValueKind == JsonValueKind.Object)
        {
            name = body.TryGetProperty("name", out var n) ? n.GetString() : null;
            mode = body.TryGetProperty("mode", out var m) ? m.GetString() : null;
            if (body.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array)
            {
                allowed = [];
                foreach (var tool in tools.EnumerateArray())
                {
                    if (tool.TryGetProperty("function", out var f) && f.TryGetProperty("name", out var fn) && fn.GetString() is { } functionName)
                    {
                        allowed.Add(functionName);
                    }
                }
            }
        }

        return ChatToolChoice.FromWire(mode, type, name, allowed);
    }

    public override void Write(Utf8JsonWriter writer, ChatToolChoice value, JsonSerializerOptions options)
    {
        if (value.Type is null)
        {
            writer.WriteStringValue(value.Mode);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("type"u8, value.Type);
        writer.WritePropertyName(value.Type);
        writer.WriteStartObject();
        if (value.AllowedFunctionNames is { } allowed)
        {
            writer.WriteString("mode"u8, value.Mode ?? "auto");
            writer.WriteStartArray("tools"u8);
            foreach (var name in allowed)
            {
                writer.WriteStartObject();
                writer.WriteString("type"u8, "function"u8);
                writer.WriteStartObject("function"u8);
                writer.WriteString("name"u8, name);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }
        else
        {
            writer.WriteString("name"u8, value.Name);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
