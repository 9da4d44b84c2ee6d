using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatGpt.FineTuning.Internal;

/// <summary>Reads and writes <see cref="FineTuningParameter"/> as <c>"auto"</c> or a number (an integer when it is one).</summary>
internal sealed class FineTuningParameterJsonConverter : JsonConverter<FineTuningParameter>
{
    public override FineTuningParameter Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => FineTuningParameter.FromNumber(reader.GetDouble()),
        JsonTokenType.String when reader.ValueTextEquals("auto"u8) => FineTuningParameter.Auto,
        JsonTokenType.String when double.TryParse(reader.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var number) => FineTuningParameter.FromNumber(number),
        _ => throw new JsonException("A fine-tuning hyperparameter must be \"auto\" or a number."),
    };

    public override void Write(Utf8JsonWriter writer, FineTuningParameter value, JsonSerializerOptions options)
    {
        if (value.Value is not { } number)
        {
            writer.WriteStringValue("auto"u8);
        }
        else if (number == Math.Floor(number) && Math.Abs(number) < long.MaxValue)
        {
            writer.WriteNumberValue((long)number);
        }
        else
        {
            writer.WriteNumberValue(number);
        }
    }
}
