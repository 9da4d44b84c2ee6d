using System.Text.Json;
using System.Text.Json.Serialization;
using ChatGpt.Chat;

namespace ChatGpt.Serialization;

/// <summary>Reads and writes a message's <c>content</c>, which the API accepts as a string or an array of parts.</summary>
internal sealed class MessageContentJsonConverter : JsonConverter<MessageContent?>
{
    public override bool HandleNull => true;

    public override MessageContent? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => new MessageContent(reader.GetString(), null),
        JsonTokenType.StartArray => new MessageContent(null, JsonSerializer.Deserialize(ref reader, ChatGptJsonContext.Default.IListChatContentPart)),
        _ => throw new JsonException($"A message's content must be a string, an array of parts or null, not {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, MessageContent? value, JsonSerializerOptions options)
    {
        if (value is not { } content)
        {
            writer.WriteNullValue();
        }
        else if (content.Parts is not null)
        {
            JsonSerializer.Serialize(writer, content.Parts, ChatGptJsonContext.Default.IListChatContentPart);
        }
        else
        {
            writer.WriteStringValue(content.Text);
        }
    }
}
