using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatGpt.Serialization;

/// <summary>Reads and writes the <c>prompt</c> of a legacy completion, a string or an array of strings.</summary>
internal sealed class PromptJsonConverter : JsonConverter<PromptValue?>
{
    public override bool HandleNull => true;

    public override PromptValue? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => new PromptValue(reader.GetString(), null),
        JsonTokenType.StartArray => new PromptValue(null, JsonSerializer.Deserialize(ref reader, ChatGptJsonContext.Default.IListString)),
        _ => throw new JsonException($"A prompt must be a string or an array of strings, not {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, PromptValue? value, JsonSerializerOptions options)
    {
        if (value is not { } prompt)
        {
            writer.WriteNullValue();
        }
        else if (prompt.Texts is not null)
        {
            JsonSerializer.Serialize(writer, prompt.Texts, ChatGptJsonContext.Default.IListString);
        }
        else
        {
            writer.WriteStringValue(prompt.Text);
        }
    }
}
