using System.Text.Json;
using System.Text.Json.Serialization;
using ChatGpt.Chat;

namespace ChatGpt.Serialization;

/// <summary>Reads and writes <see cref="ChatRole"/> as its string value, reusing the static instances for known roles.</summary>
internal sealed class ChatRoleJsonConverter : JsonConverter<ChatRole>
{
    public override ChatRole Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A message role must be a string.");
        }

        // Known roles are matched on the raw bytes so the common case allocates no string.
        if (reader.ValueTextEquals("assistant"u8))
        {
            return ChatRole.Assistant;
        }

        if (reader.ValueTextEquals("user"u8))
        {
            return ChatRole.User;
        }

        if (reader.ValueTextEquals("system"u8))
        {
            return ChatRole.System;
        }

        if (reader.ValueTextEquals("tool"u8))
        {
            return ChatRole.Tool;
        }

        if (reader.ValueTextEquals("developer"u8))
        {
            return ChatRole.Developer;
        }

        var value = reader.GetString();
        return string.IsNullOrWhiteSpace(value) ? default : new ChatRole(value);
    }

    public override void Write(Utf8JsonWriter writer, ChatRole value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
