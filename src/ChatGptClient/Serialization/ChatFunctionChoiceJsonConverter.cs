using System.Text.Json;
using System.Text.Json.Serialization;
using ChatGpt.Chat;

namespace ChatGpt.Serialization;

/// <summary>Reads and writes the legacy <c>function_call</c> parameter: <c>"none"</c>, <c>"auto"</c> or <c>{"name": ...}</c>.</summary>
internal sealed class ChatFunctionChoiceJsonConverter : JsonConverter<ChatFunctionChoice>
{
    public override ChatFunctionChoice? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return ChatFunctionChoice.FromWire(reader.GetString(), null);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("function_call must be a string or an object with a name.");
        }

        using var document = JsonDocument.ParseValue(ref reader);
        return ChatFunctionChoice.FromWire(null, document.RootElement.TryGetProperty("name", out var name) ? name.GetString() : null);
    }

    public override void Write(Utf8JsonWriter writer, ChatFunctionChoice value, JsonSerializerOptions options)
    {
        if (value.FunctionName is null)
        {
            writer.WriteStringValue(value.Mode);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("name"u8, value.FunctionName);
        writer.WriteEndObject();
    }
}
