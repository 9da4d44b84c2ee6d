using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ChatGpt.Chat;
using ChatGpt.Completions;
using ChatGpt.Testing.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace ChatGpt.Testing.Tests;

/// <summary>
/// Ties the emulator's lists of accepted body fields to the client's public request types: every property of
/// <see cref="ChatCompletionRequest"/> and <see cref="CompletionRequest"/> that has a JSON name is accepted by the
/// emulator, and the client's writer puts it on the wire (a request with every property set goes through the real client
/// to an emulator that rejects unknown parameters, and the recorded body has every name).
/// </summary>
public class AcceptedFieldsTests
{
    // Every field, with values the API accepts together (max_tokens and max_completion_tokens exclude each other: the
    // second request carries max_tokens).
    private const string FullChatJson = """
        {
          "model": "gpt-4o-mini",
          "messages": [
            {"role": "system", "content": "Be terse."},
            {"role": "user", "name": "ann", "content": [{"type": "text", "text": "Look"}, {"type": "image_url", "image_url": {"url": "https://example.test/a.png", "detail": "low"}}]},
            {"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{\"a\":1}"}}]},
            {"role": "tool", "tool_call_id": "call_1", "content": "42"}
          ],
          "max_completion_tokens": 20, "temperature": 0.7, "top_p": 0.95, "n": 2, "stop": ["\n\nUser:"],
          "presence_penalty": -0.5, "frequency_penalty": 1.25, "logit_bias": {"50256": -100}, "seed": 7, "user": "u-1",
          "logprobs": true, "top_logprobs": 3,
          "response_format": {"type": "json_schema", "json_schema": {"name": "s", "strict": true, "schema": {"type": "object", "properties": {"a": {"type": "integer", "maximum": 3}}, "required": ["a"], "additionalProperties": false}}},
          "tools": [{"type": "function", "function": {"name": "f", "description": "d", "parameters": {"type": "object"}, "strict": true}}],
          "tool_choice": "auto", "parallel_tool_calls": false,
          "stream_options": {"include_usage": true, "include_obfuscation": false},
          "store": true, "metadata": {"k": "v"}, "service_tier": "flex", "modalities": ["text", "audio"],
          "audio": {"voice": "alloy", "format": "wav"}, "reasoning_effort": "low", "verbosity": "high",
          "prediction": {"type": "content", "content": "old text"},
          "web_search_options": {"search_context_size": "low"},
          "safety_identifier": "s-1", "prompt_cache_key": "pk", "prompt_cache_retention": "24h",
          "prompt_cache_options": {"ttl": "30m", "mode": "explicit"},
          "moderation": {"model": "omni-moderation-latest"},
          "functions": [{"name": "g", "parameters": {"type": "object"}}],
          "function_call": "auto"
        }
        """;

    private const string FullCompletionJson = """
        {
          "model": "gpt-3.5-turbo-instruct", "prompt": "Say hi", "suffix": "end", "max_tokens": 5, "temperature": 0,
          "top_p": 1, "n": 1, "best_of": 2, "stop": ["\n"], "presence_penalty": 0.5, "frequency_penalty": 0.5, "echo": true,
          "logprobs": 2, "logit_bias": {"50256": -100}, "seed": 7, "user": "u", "stream_options": {"include_usage": true}
        }
        """;

    private static readonly JsonSerializerOptions s_reflectionOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    [Fact]
    public void ChatCompletionRequest_EveryJsonField_IsAcceptedByTheEmulator()
    {
        var missing = JsonNames(typeof(ChatCompletionRequest)).Keys.Except(ChatCompletionsEndpoint.AcceptedParameters).ToList();

        Assert.True(missing.Count == 0, $"The emulator rejects fields the client sends: {string.Join(", ", missing)}. Add them to ChatCompletionsRequestValidator.");
    }

    [Fact]
    public void CompletionRequest_EveryJsonField_IsAcceptedByTheEmulator()
    {
        var missing = JsonNames(typeof(CompletionRequest)).Keys.Except(CompletionsEndpoint.AcceptedParameters).ToList();

        Assert.True(missing.Count == 0, $"The emulator rejects fields the client sends: {string.Join(", ", missing)}. Add them to CompletionsRequestValidator.");
    }

    [Fact]
    public async Task ChatCompletionRequest_EveryField_IsWrittenByTheClientAndAcceptedByTheEmulator()
    {
        var full = JsonSerializer.Deserialize<ChatCompletionRequest>(FullChatJson, s_reflectionOptions)!;
        var second = new ChatCompletionRequest { Model = "gpt-4o-mini", Messages = [ChatMessage.User("Hi")], MaxTokens = 5 };
        AssertEveryFieldSet([full, second]);
        var emulator = new ChatGptEmulator { AllowUnknownParameters = false };
        await using var provider = CreateProvider(emulator);
        var client = provider.GetRequiredService<IChatGptClient>();

        await foreach (var _ in client.StreamChatCompletionAsync(full))
        {
        }

        await client.CreateChatCompletionAsync(second);

        AssertEveryNameRecorded(typeof(ChatCompletionRequest), emulator.Requests);
    }

    [Fact]
    public async Task CompletionRequest_EveryField_IsWrittenByTheClientAndAcceptedByTheEmulator()
    {
        var full = JsonSerializer.Deserialize<CompletionRequest>(FullCompletionJson, s_reflectionOptions)!;
        AssertEveryFieldSet([full]);
        var emulator = new ChatGptEmulator { AllowUnknownParameters = false };
        await using var provider = CreateProvider(emulator);
        var client = provider.GetRequiredService<IChatGptClient>();

        await foreach (var _ in client.StreamCompletionAsync(full))
        {
        }

        AssertEveryNameRecorded(typeof(CompletionRequest), emulator.Requests);
    }

    /// <summary>The request type's JSON fields as the serialization contract names them: public properties not ignored
    /// and internal ones marked <see cref="JsonIncludeAttribute"/>, snake_case unless renamed; extension data excluded.</summary>
    private static Dictionary<string, PropertyInfo> JsonNames(Type type)
    {
        var names = new Dictionary<string, PropertyInfo>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            var included = property.GetMethod?.IsPublic == true ? property.GetCustomAttribute<JsonIgnoreAttribute>() is null : property.GetCustomAttribute<JsonIncludeAttribute>() is not null;
            if (!included || property.GetCustomAttribute<JsonExtensionDataAttribute>() is not null || property.Name.Contains('.', StringComparison.Ordinal))
            {
                continue;
            }

            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            names[name] = property;
        }

        return names;
    }

    private static void AssertEveryFieldSet<T>(IReadOnlyList<T> requests)
    {
        // The streaming call sets "stream" itself.
        var unset = JsonNames(typeof(T))
            .Where(p => p.Key != "stream" && requests.All(r => p.Value.GetValue(r) is null))
            .Select(p => p.Key)
            .ToList();
        Assert.True(unset.Count == 0, $"Set these fields in the full request of this test: {string.Join(", ", unset)}.");
    }

    private static void AssertEveryNameRecorded(Type requestType, IReadOnlyList<EmulatedRequest> requests)
    {
        var written = requests.SelectMany(r => ((JsonObject)r.Body!).Select(p => p.Key)).ToHashSet(StringComparer.Ordinal);
        var missing = JsonNames(requestType).Keys.Where(name => !written.Contains(name)).ToList();
        Assert.True(missing.Count == 0, $"The client did not write: {string.Join(", ", missing)}.");
    }

    private static ServiceProvider CreateProvider(ChatGptEmulator emulator)
    {
        var services = new ServiceCollection();
        services.AddChatGpt(o => o.ApiKey = null).UseEmulator(emulator);
        return services.BuildServiceProvider(validateScopes: true);
    }
}
