using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ChatGpt.Testing.Internal;

/// <summary>Reads and validates request bodies the way the API does, with its error messages, <c>param</c> and <c>code</c>.</summary>
internal static class RequestValidator
{
    public const string InvalidJsonMessage =
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)";

    private static readonly HashSet<string> s_chatParameters =
    [
        "audio", "frequency_penalty", "function_call", "functions", "logit_bias", "logprobs", "max_completion_tokens", "max_tokens",
        "messages", "metadata", "modalities", "model", "moderation", "n", "parallel_tool_calls", "prediction", "presence_penalty",
        "prompt_cache_key", "prompt_cache_options", "prompt_cache_retention", "reasoning_effort", "response_format", "safety_identifier",
        "seed", "service_tier", "stop", "store", "stream", "stream_options", "temperature", "tool_choice", "tools", "top_logprobs",
        "top_p", "user", "verbosity", "web_search_options",
    ];

    private static readonly HashSet<string> s_completionParameters =
    [
        "best_of", "echo", "frequency_penalty", "logit_bias", "logprobs", "max_tokens", "model", "n", "presence_penalty", "prompt",
        "seed", "stop", "stream", "stream_options", "suffix", "temperature", "top_p", "user",
    ];

    private static readonly string[] s_roles = ["system", "developer", "user", "assistant", "tool", "function"];

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

    public static ChatRequest ReadChat(JsonElement root, bool allowUnknownParameters)
    {
        CheckParameters(root, s_chatParameters, allowUnknownParameters);
        var model = ReadModel(root);
        var messages = ReadMessages(root);
        CheckNumber(root, "temperature", 0, 2);
        CheckNumber(root, "top_p", 0, 1);
        CheckNumber(root, "presence_penalty", -2, 2);
        CheckNumber(root, "frequency_penalty", -2, 2);
        var n = (int)(ReadInteger(root, "n", 1, 128) ?? 1);
        var maxTokens = ReadInteger(root, "max_tokens", 1, int.MaxValue);
        var maxCompletionTokens = ReadInteger(root, "max_completion_tokens", 1, int.MaxValue);
        if (maxTokens is not null && maxCompletionTokens is not null)
        {
            throw ApiErrorException.Invalid("max_tokens and max_completion_tokens cannot both be set. Please use max_completion_tokens only.", "max_tokens", "invalid_request_error");
        }

        var stream = ReadBoolean(root, "stream") ?? false;
        var (includeUsage, includeObfuscation) = ReadStreamOptions(root, stream);
        var logprobs = ReadBoolean(root, "logprobs") ?? false;
        var topLogprobs = ReadInteger(root, "top_logprobs", 0, 20);
        if (topLogprobs is not null && !logprobs)
        {
            throw ApiErrorException.Invalid("Invalid value for 'top_logprobs': 'logprobs' must be set to true when 'top_logprobs' is specified.", "top_logprobs", "invalid_value");
        }

        ReadInteger(root, "seed", long.MinValue, long.MaxValue);
        ReadString(root, "user");
        CheckObject(root, "logit_bias");
        CheckObject(root, "metadata");
        var tools = ReadTools(root);
        var (toolChoice, forced) = ReadToolChoice(root, tools);
        var (format, schema) = ReadResponseFormat(root);

        return new ChatRequest
        {
            Model = model,
            Messages = messages,
            Stream = stream,
            IncludeUsage = includeUsage,
            IncludeObfuscation = includeObfuscation,
            N = n,
            MaxTokens = (int?)(maxCompletionTokens ?? maxTokens),
            Stop = ReadStop(root),
            Logprobs = logprobs,
            TopLogprobs = (int)(topLogprobs ?? 0),
            Tools = tools,
            ToolChoice = toolChoice,
            ForcedTool = forced,
            ParallelToolCalls = ReadBoolean(root, "parallel_tool_calls") ?? true,
            ResponseFormat = format,
            ResponseSchema = schema,
        };
    }

    public static CompletionRequest ReadCompletion(JsonElement root, bool allowUnknownParameters)
    {
        CheckParameters(root, s_completionParameters, allowUnknownParameters);
        var model = ReadModel(root);
        var prompts = ReadPrompts(root);
        CheckNumber(root, "temperature", 0, 2);
        CheckNumber(root, "top_p", 0, 1);
        CheckNumber(root, "presence_penalty", -2, 2);
        CheckNumber(root, "frequency_penalty", -2, 2);
        var n = (int)(ReadInteger(root, "n", 1, 128) ?? 1);
        var bestOf = ReadInteger(root, "best_of", 0, 20);
        if (bestOf is not null && bestOf < n)
        {
            throw ApiErrorException.Invalid("best_of must be greater than or equal to n.", "best_of", "invalid_value");
        }

        var maxTokens = ReadInteger(root, "max_tokens", 0, int.MaxValue);
        var logprobs = ReadInteger(root, "logprobs", 0, 5);
        var stream = ReadBoolean(root, "stream") ?? false;
        var (includeUsage, _) = ReadStreamOptions(root, stream);
        ReadInteger(root, "seed", long.MinValue, long.MaxValue);
        ReadString(root, "user");
        CheckObject(root, "logit_bias");

        return new CompletionRequest
        {
            Model = model,
            Prompts = prompts,
            Stream = stream,
            IncludeUsage = includeUsage,
            N = n,
            MaxTokens = (int)(maxTokens ?? 16),
            Stop = ReadStop(root),
            Logprobs = (int?)logprobs,
            Echo = ReadBoolean(root, "echo") ?? false,
            Suffix = ReadString(root, "suffix"),
        };
    }

    private static void CheckParameters(JsonElement root, HashSet<string> known, bool allowUnknown)
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

    private static string ReadModel(JsonElement root)
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

    private static List<ParsedMessage> ReadMessages(JsonElement root)
    {
        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind == JsonValueKind.Null)
        {
            throw ApiErrorException.Invalid("Missing required parameter: 'messages'.", "messages", "missing_required_parameter");
        }

        if (messages.ValueKind != JsonValueKind.Array)
        {
            throw InvalidType("messages", "an array", messages);
        }

        if (messages.GetArrayLength() == 0)
        {
            throw ApiErrorException.Invalid("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", "messages", "empty_array");
        }

        var result = new List<ParsedMessage>();
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var path = $"messages[{index}]";
            if (message.ValueKind != JsonValueKind.Object)
            {
                throw InvalidType(path, "an object", message);
            }

            if (!message.TryGetProperty("role", out var roleElement) || roleElement.ValueKind == JsonValueKind.Null)
            {
                throw ApiErrorException.Invalid($"Missing required parameter: '{path}.role'.", $"{path}.role", "missing_required_parameter");
            }

            if (roleElement.ValueKind != JsonValueKind.String)
            {
                throw InvalidType($"{path}.role", "a string", roleElement);
            }

            var role = roleElement.GetString()!;
            if (Array.IndexOf(s_roles, role) < 0)
            {
                throw ApiErrorException.Invalid(
                    $"Invalid value: '{role}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.",
                    $"{path}.role",
                    "invalid_value");
            }

            var toolCalls = role == "assistant" ? ReadHistoryToolCalls(message, path) : [];
            var hasContent = message.TryGetProperty("content", out var content) && content.ValueKind != JsonValueKind.Null;
            if (!hasContent && !(role == "assistant" && (toolCalls.Count > 0 || message.TryGetProperty("function_call", out _))))
            {
                throw ApiErrorException.Invalid($"Missing required parameter: '{path}.content'.", $"{path}.content", "missing_required_parameter");
            }

            var text = hasContent ? ReadContent(content, $"{path}.content") : string.Empty;
            string? toolCallId = null;
            if (role == "tool")
            {
                if (!message.TryGetProperty("tool_call_id", out var id) || id.ValueKind != JsonValueKind.String)
                {
                    throw ApiErrorException.Invalid($"Missing required parameter: '{path}.tool_call_id'.", $"{path}.tool_call_id", "missing_required_parameter");
                }

                toolCallId = id.GetString();
            }

            string? name = null;
            if (message.TryGetProperty("name", out var nameElement) && nameElement.ValueKind != JsonValueKind.Null)
            {
                name = nameElement.ValueKind == JsonValueKind.String ? nameElement.GetString() : throw InvalidType($"{path}.name", "a string", nameElement);
            }

            result.Add(new ParsedMessage(role, text, name, toolCallId, toolCalls));
            index++;
        }

        return result;
    }

    private static string ReadContent(JsonElement content, string path)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw InvalidType(path, "one of a string or array of objects", content);
        }

        var builder = new StringBuilder();
        var index = 0;
        foreach (var part in content.EnumerateArray())
        {
            var partPath = $"{path}[{index++}]";
            if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                throw ApiErrorException.Invalid($"Missing required parameter: '{partPath}.type'.", $"{partPath}.type", "missing_required_parameter");
            }

            switch (type.GetString())
            {
                case "text":
                    if (!part.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
                    {
                        throw ApiErrorException.Invalid($"Missing required parameter: '{partPath}.text'.", $"{partPath}.text", "missing_required_parameter");
                    }

                    if (builder.Length > 0)
                    {
                        builder.Append('\n');
                    }

                    builder.Append(text.GetString());
                    break;
                case "image_url" or "input_audio" or "file" or "refusal":
                    break;
                default:
                    throw ApiErrorException.Invalid(
                        $"Invalid value: '{type.GetString()}'. Supported values are: 'text', 'image_url', 'input_audio', 'refusal', and 'file'.",
                        $"{partPath}.type",
                        "invalid_value");
            }
        }

        return builder.ToString();
    }

    private static List<ToolCallResult> ReadHistoryToolCalls(JsonElement message, string path)
    {
        var result = new List<ToolCallResult>();
        if (!message.TryGetProperty("tool_calls", out var calls) || calls.ValueKind == JsonValueKind.Null)
        {
            return result;
        }

        if (calls.ValueKind != JsonValueKind.Array)
        {
            throw InvalidType($"{path}.tool_calls", "an array", calls);
        }

        var index = 0;
        foreach (var call in calls.EnumerateArray())
        {
            var callPath = $"{path}.tool_calls[{index++}]";
            if (call.ValueKind != JsonValueKind.Object ||
                !call.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String ||
                !call.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object ||
                !function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
            {
                throw ApiErrorException.Invalid($"Missing required parameter: '{callPath}.function'.", callPath, "missing_required_parameter");
            }

            var arguments = function.TryGetProperty("arguments", out var args) && args.ValueKind == JsonValueKind.String ? args.GetString()! : "{}";
            result.Add(new ToolCallResult(id.GetString()!, name.GetString()!, arguments));
        }

        return result;
    }

    private static List<ParsedTool> ReadTools(JsonElement root)
    {
        var result = new List<ParsedTool>();
        if (!root.TryGetProperty("tools", out var tools) || tools.ValueKind == JsonValueKind.Null)
        {
            return result;
        }

        if (tools.ValueKind != JsonValueKind.Array)
        {
            throw InvalidType("tools", "an array", tools);
        }

        var index = 0;
        foreach (var tool in tools.EnumerateArray())
        {
            var path = $"tools[{index++}]";
            if (tool.ValueKind != JsonValueKind.Object)
            {
                throw InvalidType(path, "an object", tool);
            }

            if (!tool.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                throw ApiErrorException.Invalid($"Missing required parameter: '{path}.type'.", $"{path}.type", "missing_required_parameter");
            }

            if (type.GetString() == "custom")
            {
                continue;
            }

            if (type.GetString() != "function")
            {
                throw ApiErrorException.Invalid($"Invalid value: '{type.GetString()}'. Supported values are: 'function' and 'custom'.", $"{path}.type", "invalid_value");
            }

            if (!tool.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object ||
                !function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString()!.Length == 0)
            {
                throw ApiErrorException.Invalid($"Missing required parameter: '{path}.function.name'.", $"{path}.function.name", "missing_required_parameter");
            }

            var description = function.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            JsonElement? parameters = function.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object ? p : null;
            result.Add(new ParsedTool(name.GetString()!, description, parameters));
        }

        return result;
    }

    private static (string Mode, string? Forced) ReadToolChoice(JsonElement root, List<ParsedTool> tools)
    {
        if (!root.TryGetProperty("tool_choice", out var choice) || choice.ValueKind == JsonValueKind.Null)
        {
            return (tools.Count > 0 ? "auto" : "none", null);
        }

        if (choice.ValueKind == JsonValueKind.String)
        {
            var mode = choice.GetString()!;
            if (mode is not ("none" or "auto" or "required"))
            {
                throw ApiErrorException.Invalid($"Invalid value: '{mode}'. Supported values are: 'none', 'auto', and 'required'.", "tool_choice", "invalid_value");
            }

            if (mode != "none" && tools.Count == 0)
            {
                throw ApiErrorException.Invalid("Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.", "tool_choice");
            }

            return (mode, null);
        }

        if (choice.ValueKind == JsonValueKind.Object && choice.TryGetProperty("function", out var function) &&
            function.ValueKind == JsonValueKind.Object && function.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
        {
            var forced = name.GetString()!;
            if (!tools.Exists(t => t.Name == forced))
            {
                throw ApiErrorException.Invalid($"Invalid value for 'tool_choice': no function named '{forced}' was specified in the 'tools' parameter.", "tool_choice");
            }

            return ("function", forced);
        }

        if (choice.ValueKind == JsonValueKind.Object)
        {
            // allowed_tools and custom choices: the emulator treats them like "auto".
            return ("auto", null);
        }

        throw InvalidType("tool_choice", "one of a string or object", choice);
    }

    private static (string Format, JsonElement? Schema) ReadResponseFormat(JsonElement root)
    {
        if (!root.TryGetProperty("response_format", out var format) || format.ValueKind == JsonValueKind.Null)
        {
            return ("text", null);
        }

        if (format.ValueKind != JsonValueKind.Object)
        {
            throw InvalidType("response_format", "an object", format);
        }

        if (!format.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            throw ApiErrorException.Invalid("Missing required parameter: 'response_format.type'.", "response_format.type", "missing_required_parameter");
        }

        switch (type.GetString())
        {
            case "text":
            case "json_object":
                return (type.GetString()!, null);
            case "json_schema":
                if (!format.TryGetProperty("json_schema", out var jsonSchema) || jsonSchema.ValueKind != JsonValueKind.Object ||
                    !jsonSchema.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                {
                    throw ApiErrorException.Invalid("Missing required parameter: 'response_format.json_schema.name'.", "response_format.json_schema.name", "missing_required_parameter");
                }

                return ("json_schema", jsonSchema.TryGetProperty("schema", out var schema) && schema.ValueKind == JsonValueKind.Object ? schema : null);
            default:
                throw ApiErrorException.Invalid(
                    $"Invalid value: '{type.GetString()}'. Supported values are: 'json_object', 'json_schema', and 'text'.",
                    "response_format.type",
                    "invalid_value");
        }
    }

    private static List<string> ReadPrompts(JsonElement root)
    {
        if (!root.TryGetProperty("prompt", out var prompt) || prompt.ValueKind == JsonValueKind.Null)
        {
            // The API treats a missing prompt as <|endoftext|>: a new document.
            return ["<|endoftext|>"];
        }

        switch (prompt.ValueKind)
        {
            case JsonValueKind.String:
                return [prompt.GetString()!];
            case JsonValueKind.Array when prompt.GetArrayLength() == 0:
                throw ApiErrorException.Invalid("Invalid 'prompt': empty array. Expected an array with minimum length 1, but got an empty array instead.", "prompt", "empty_array");
            case JsonValueKind.Array:
                var first = prompt[0].ValueKind;
                if (first == JsonValueKind.Number)
                {
                    return [TokenCounter.Decode(ReadTokenIds(prompt, "prompt"))];
                }

                var result = new List<string>();
                var index = 0;
                foreach (var item in prompt.EnumerateArray())
                {
                    var path = $"prompt[{index++}]";
                    result.Add(item.ValueKind switch
                    {
                        JsonValueKind.String => item.GetString()!,
                        JsonValueKind.Array => TokenCounter.Decode(ReadTokenIds(item, path)),
                        _ => throw InvalidType(path, "a string", item),
                    });
                }

                return result;
            default:
                throw InvalidType("prompt", "one of a string, array of strings, array of integers or array of arrays of integers", prompt);
        }
    }

    private static List<int> ReadTokenIds(JsonElement array, string path)
    {
        var ids = new List<int>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var id) || id < 0)
            {
                throw InvalidType(path, "an array of integers", array);
            }

            ids.Add(id);
        }

        return ids;
    }

    private static List<string> ReadStop(JsonElement root)
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

    private static (bool IncludeUsage, bool IncludeObfuscation) ReadStreamOptions(JsonElement root, bool stream)
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

    private static void CheckNumber(JsonElement root, string name, double min, double max)
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

    private static long? ReadInteger(JsonElement root, string name, long min, long max)
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

    private static bool? ReadBoolean(JsonElement root, string name, string prefix = "")
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

    private static string? ReadString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw InvalidType(name, "a string", value);
    }

    private static void CheckObject(JsonElement root, string name)
    {
        if (root.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Object))
        {
            throw InvalidType(name, "an object", value);
        }
    }

    private static ApiErrorException InvalidType(string param, string expected, JsonElement actual) =>
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

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
