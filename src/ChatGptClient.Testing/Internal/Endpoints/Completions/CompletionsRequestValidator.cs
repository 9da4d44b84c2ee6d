using System.Text.Json;
using static ChatGpt.Testing.Internal.RequestValidator;

namespace ChatGpt.Testing.Internal;

/// <summary>Reads and validates a <c>POST /v1/completions</c> body the way the API does.</summary>
internal static class CompletionsRequestValidator
{
    private static readonly HashSet<string> s_parameters =
    [
        "best_of", "echo", "frequency_penalty", "logit_bias", "logprobs", "max_tokens", "model", "n", "presence_penalty", "prompt",
        "seed", "stop", "stream", "stream_options", "suffix", "temperature", "top_p", "user",
    ];

    /// <summary>The body parameters the endpoint accepts.</summary>
    public static IReadOnlyCollection<string> AcceptedParameters => s_parameters;

    public static ParsedCompletionRequest ReadCompletion(JsonElement root, bool allowUnknownParameters)
    {
        CheckParameters(root, s_parameters, allowUnknownParameters);
        var model = ReadModel(root);
        var prompts = ReadPrompts(root);
        var n = ReadSampling(root);
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

        return new ParsedCompletionRequest
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
}
