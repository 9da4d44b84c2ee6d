using System.Text;
using System.Text.Json;
using static ChatGpt.Testing.Internal.RequestValidator;

namespace ChatGpt.Testing.Internal;

/// <summary>Reads and validates a <c>POST /v1/chat/completions</c> body the way the API does.</summary>
internal static class ChatCompletionsRequestValidator
{
    private static readonly HashSet<string> s_parameters =
    [
        "audio", "frequency_penalty", "function_call", "functions", "logit_bias", "logprobs", "max_completion_tokens", "max_tokens",
        "messages", "metadata", "modalities", "model", "moderation", "n", "parallel_tool_calls", "prediction", "presence_penalty",
        "prompt_cache_key", "prompt_cache_options", "prompt_cache_retention", "reasoning_effort", "response_format", "safety_identifier",
        "seed", "service_tier", "stop", "store", "stream", "stream_options", "temperature", "tool_choice", "tools", "top_logprobs",
        "top_p", "user", "verbosity", "web_search_options",
    ];

    /// <summary>The body parameters the endpoint accepts.</summary>
    public static IReadOnlyCollection<string> AcceptedParameters => s_parameters;

    private static readonly string[] s_roles = ["system", "developer", "user", "assistant", "tool", "function"];

    public static ParsedChatRequest ReadChat(JsonElement root, bool allowUnknownParameters)
    {
        CheckParameters(root, s_parameters, allowUnknownParameters);
        var model = ReadModel(root);
        var messages = ReadMessages(root);
        var n = ReadSampling(root);
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

        return new ParsedChatRequest
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
}
