using System.Globalization;
using System.Text.Json;

namespace ChatGpt.Testing.Internal;

/// <summary>The validation every JSON endpoint shares, with the API's error messages, <c>param</c> and <c>code</c>:
/// parsing the body, unknown parameters, the model, numbers, integers, booleans, strings, <c>stop</c>,
/// <c>stream_options</c>. Each endpoint has its own validator built on it.</summary>
internal static class RequestValidator
{
    public const string InvalidJsonMessage =
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)";

    public static JsonElement ParseBody(byte[] body)
    {
        if (body.Length == 0)
        {
            throw ApiErrorException.Invalid(InvalidJsonMessage, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw ApiErrorException.Invalid(InvalidJsonMessage, null);
            }

            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw ApiErrorException.Invalid(InvalidJsonMessage, null);
        }
    }

    public static void CheckParameters(JsonElement root, HashSet<string> known, bool allowUnknown)
    {
        if (allowUnknown)
        {
            return;
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                throw ApiErrorException.Invalid($"Unrecognized request argument supplied: {property.Name}", null);
            }
        }
    }

    public static string ReadModel(JsonElement root)
    {
        if (!root.TryGetProperty("model", out var model) || model.ValueKind == JsonValueKind.Null)
        {
            throw ApiErrorException.Invalid("you must provide a model parameter", "model");
        }

        if (model.ValueKind != JsonValueKind.String)
        {
            throw InvalidType("model", "a string", model);
        }

        var value = model.GetString()!;
        if (value.Length == 0)
        {
            throw ApiErrorException.Invalid("you must provide a model parameter", "model");
        }

        return value;
    }

    /// <summary>Checks the sampling parameters both generation endpoints take (temperature, top_p, penalties) and
    /// returns <c>n</c> (1 to 128, default 1).</summary>
    public static int ReadSampling(JsonElement root)
    {
        CheckNumber(root, "temperature", 0, 2);
        CheckNumber(root, "top_p", 0, 1);
        CheckNumber(root, "presence_penalty", -2, 2);
        CheckNumber(root, "frequency_penalty", -2, 2);
        return (int)(ReadInteger(root, "n", 1, 128) ?? 1);
    }

    public static List<string> ReadStop(JsonElement root)
    {
        if (!root.TryGetProperty("stop", out var stop) || stop.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (stop.ValueKind == JsonValueKind.String)
        {
            return [stop.GetString()!];
        }

        if (stop.ValueKind != JsonValueKind.Array)
        {
            throw InvalidType("stop", "one of a string or array of strings", stop);
        }

        var count = stop.GetArrayLength();
        if (count > 4)
        {
            throw ApiErrorException.Invalid(
                $"Invalid 'stop': array too long. Expected an array with maximum length 4, but got an array with length {count} instead.",
                "stop",
                "array_above_max_length");
        }

        var result = new List<string>();
        var index = 0;
        foreach (var item in stop.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw InvalidType($"stop[{index}]", "a string", item);
            }

            index++;
            if (item.GetString() is { Length: > 0 } value)
            {
                result.Add(value);
            }
        }

        return result;
    }

    public static (bool IncludeUsage, bool IncludeObfuscation) ReadStreamOptions(JsonElement root, bool stream)
    {
        if (!root.TryGetProperty("stream_options", out var options) || options.ValueKind == JsonValueKind.Null)
        {
            return (false, true);
        }

        if (!stream)
        {
            throw ApiErrorException.Invalid("The 'stream_options' parameter is only allowed when 'stream' is enabled.", "stream_options", "invalid_value");
        }

        if (options.ValueKind != JsonValueKind.Object)
        {
            throw InvalidType("stream_options", "an object", options);
        }

        return (ReadBoolean(options, "include_usage", "stream_options.") ?? false, ReadBoolean(options, "include_obfuscation", "stream_options.") ?? true);
    }

    public static void CheckNumber(JsonElement root, string name, double min, double max)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            throw InvalidType(name, "a decimal", value);
        }

        var number = value.GetDouble();
        if (number < min)
        {
            throw ApiErrorException.Invalid(
                $"Invalid '{name}': decimal below minimum value. Expected a value >= {Format(min)}, but got {value.GetRawText()} instead.",
                name,
                "decimal_below_min_value");
        }

        if (number > max)
        {
            throw ApiErrorException.Invalid(
                $"Invalid '{name}': decimal above maximum value. Expected a value <= {Format(max)}, but got {value.GetRawText()} instead.",
                name,
                "decimal_above_max_value");
        }
    }

    public static long? ReadInteger(JsonElement root, string name, long min, long max)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            throw InvalidType(name, "an integer", value);
        }

        if (number < min)
        {
            throw ApiErrorException.Invalid(
                $"Invalid '{name}': integer below minimum value. Expected a value >= {min.ToString(CultureInfo.InvariantCulture)}, but got {number.ToString(CultureInfo.InvariantCulture)} instead.",
                name,
                "integer_below_min_value");
        }

        if (number > max)
        {
            throw ApiErrorException.Invalid(
                $"Invalid '{name}': integer above maximum value. Expected a value <= {max.ToString(CultureInfo.InvariantCulture)}, but got {number.ToString(CultureInfo.InvariantCulture)} instead.",
                name,
                "integer_above_max_value");
        }

        return number;
    }

    public static bool? ReadBoolean(JsonElement root, string name, string prefix = "")
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw InvalidType(prefix + name, "a boolean", value),
        };
    }

    public static string? ReadString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw InvalidType(name, "a string", value);
    }

    public static void CheckObject(JsonElement root, string name)
    {
        if (root.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Object))
        {
            throw InvalidType(name, "an object", value);
        }
    }

    public static ApiErrorException InvalidType(string param, string expected, JsonElement actual) =>
        ApiErrorException.Invalid($"Invalid type for '{param}': expected {expected}, but got {KindName(actual)} instead.", param, "invalid_type");

    private static string KindName(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => value.TryGetInt64(out _) ? "an integer" : "a decimal",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    public static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
