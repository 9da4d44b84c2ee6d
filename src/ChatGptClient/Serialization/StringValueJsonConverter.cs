using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatGpt.Serialization;

/// <summary>An extensible string value (<c>readonly struct</c> over its wire text) that the generic converter can create.</summary>
/// <typeparam name="TSelf">The value type.</typeparam>
internal interface IStringValue<TSelf>
    where TSelf : struct, IStringValue<TSelf>
{
    /// <summary>The wire text.</summary>
    string Value { get; }

    /// <summary>Creates the value from its wire text.</summary>
    static abstract TSelf FromWire(string value);
}

/// <summary>Reads and writes an extensible string value as its text: values a server adds later still round-trip.</summary>
/// <typeparam name="T">The value type.</typeparam>
internal sealed class StringValueJsonConverter<T> : JsonConverter<T>
    where T : struct, IStringValue<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A {typeof(T).Name} must be a string.");
        }

        var value = reader.GetString();
        return string.IsNullOrWhiteSpace(value) ? default : T.FromWire(value);
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
