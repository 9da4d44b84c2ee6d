using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatGpt.Serialization;

/// <summary>Reads and writes the <c>prompt</c> of a legacy completion: a string, strings, token ids or arrays of token ids.</summary>
internal sealed class PromptJsonConverter : JsonConverter<PromptValue?>
{
    public override bool HandleNull => true;

    public override PromptValue? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => new PromptValue(reader.GetString(), null),
        JsonTokenType.StartArray => ReadArray(ref reader),
        _ => throw new JsonException($"A prompt must be a string or an array of strings, not {reader.TokenType}."),
    };

    private static PromptValue ReadArray(ref Utf8JsonReader reader)
    {
        // The element type decides the shape; a copy of the reader peeks at the first element without consuming it.
        var peek = reader;
        peek.Read();
        return peek.TokenType switch
        {
            JsonTokenType.Number => new PromptValue(null, null, JsonSerializer.Deserialize(ref reader, ChatGptJsonContext.Default.IListInt32)),
            JsonTokenType.StartArray => new PromptValue(null, null, null, JsonSerializer.Deserialize(ref reader, ChatGptJsonContext.Default.IListIListInt32)),
            _ => new PromptValue(null, JsonSerializer.Deserialize(ref reader, ChatGptJsonContext.Default.IListString)),
        };
    }

    public override void Write(Utf8JsonWriter writer, PromptValue? value, JsonSerializerOptions options)
    {
        if (value is not { } prompt)
        {
            writer.WriteNullValue();
        }
        else if (prompt.TokenBatches is not null)
        {
            JsonSerializer.Serialize(writer, prompt.TokenBatches, ChatGptJsonContext.Default.IListIListInt32);
        }
        else if (prompt.Tokens is not null)
        {
            JsonSerializer.Serialize(writer, prompt.Tokens, ChatGptJsonContext.Default.IListInt32);
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
