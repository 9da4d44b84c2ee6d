using System.Reflection;
using System.Text;
using System.Text.Json;
using ChatGpt.Chat;
using ChatGpt.Completions;
using ChatGpt.Internal;
using ChatGpt.Serialization;

namespace ChatGpt.Tests.Serialization;

/// <summary>
/// The hand-written request writers the client sends with must produce exactly the bytes of the source-generated
/// contract, for every field. The reflection checks make a field added to a request type later, but not to its writer,
/// fail here rather than silently vanish from the wire.
/// </summary>
public sealed class RequestWriterTests
{
    private const string FullChatJson = """
        {
          "model": "gpt-4o-mini",
          "messages": [
            {"role": "system", "content": "Be terse. <tags> & \"quotes\" caf\u00e9 \ud83d\ude00"},
            {"role": "user", "name": "ann", "content": [
              {"type": "text", "text": "Look"},
              {"type": "image_url", "image_url": {"url": "https://example.test/a.png", "detail": "low"}}
            ]},
            {"role": "assistant", "content": null, "refusal": "no", "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{\"a\":1}"}}],
             "audio": {"id": "audio_1"}, "annotations": [{"type": "url_citation", "url_citation": {"start_index": 1, "end_index": 2, "url": "https://example.test", "title": "t"}}],
             "function_call": {"name": "g", "arguments": "{}"}},
            {"role": "tool", "tool_call_id": "call_1", "content": "42"}
          ],
          "max_tokens": 10, "max_completion_tokens": 20, "temperature": 0.7, "top_p": 0.95, "n": 2,
          "stop": ["\n\nUser:", "<|end|>"], "presence_penalty": -0.5, "frequency_penalty": 1.25,
          "logit_bias": {"50256": -100, "11": 5}, "seed": 9007199254740993, "user": "u-1",
          "logprobs": true, "top_logprobs": 3,
          "response_format": {"type": "json_schema", "json_schema": {"name": "s", "strict": true, "schema": {"type": "object"}}},
          "tools": [{"type": "function", "function": {"name": "f", "description": "d", "parameters": {"type": "object"}, "strict": true}}],
          "tool_choice": {"type": "function", "function": {"name": "f"}},
          "parallel_tool_calls": false,
          "stream_options": {"include_usage": true, "include_obfuscation": false},
          "store": true, "metadata": {"k": "v"}, "service_tier": "flex", "modalities": ["text", "audio"],
          "audio": {"voice": "alloy", "format": "wav"}, "reasoning_effort": "low", "verbosity": "high",
          "prediction": {"type": "content", "content": "old text"},
          "web_search_options": {"search_context_size": "low", "user_location": {"type": "approximate", "approximate": {"city": "Paris"}}},
          "safety_identifier": "s-1", "prompt_cache_key": "pk", "prompt_cache_retention": "24h",
          "prompt_cache_options": {"ttl": "30m", "mode": "explicit"},
          "moderation": {"model": "omni-moderation-latest", "policy": {"input": {"mode": "block"}}},
          "functions": [{"name": "g", "parameters": {"type": "object"}}],
          "function_call": "auto",
          "x_vendor": {"nested": [1, 2]}, "top_k": 40
        }
        """;

    private const string FullCompletionJson = """
        {
          "model": "gpt-3.5-turbo-instruct", "prompt": "Say \"hi\" <3", "suffix": "end", "max_tokens": 5, "temperature": 0,
          "top_p": 1, "n": 1, "best_of": 2, "stop": ["\n"], "presence_penalty": 0.5, "frequency_penalty": 0.5, "echo": true,
          "logprobs": 2, "logit_bias": {"50256": -100}, "seed": 7, "user": "u",
          "stream_options": {"include_usage": true}, "x_vendor": true
        }
        """;

    [Fact]
    public async Task ChatWriter_EveryField_SameBytesAsTheContract()
    {
        var request = JsonSerializer.Deserialize(FullChatJson, ChatGptJsonContext.Default.ChatCompletionRequest)!;
        ((IWireRequest<ChatCompletionRequest>)request).Stream = true;

        AssertEveryPropertySet(request, [request]);
        AssertEveryPropertySet(request.Messages[0], request.Messages, nameof(ChatMessage.ContentParts));
        AssertEveryPropertySet(request.Messages[1], request.Messages, nameof(ChatMessage.Content));
        await AssertSameBytes(request, ChatGptJsonContext.Default.ChatCompletionRequest);
    }

    [Fact]
    public async Task ChatWriter_MinimalAndOddRequests_SameBytesAsTheContract()
    {
        await AssertSameBytes(new ChatCompletionRequest { Model = "m", Messages = [ChatMessage.User("x")] }, ChatGptJsonContext.Default.ChatCompletionRequest);
        await AssertSameBytes(new ChatCompletionRequest { Messages = null!, Stop = [null!, "s"] }, ChatGptJsonContext.Default.ChatCompletionRequest);
        await AssertSameBytes(new ChatCompletionRequest { Model = "m", Messages = [null!, new ChatMessage()] }, ChatGptJsonContext.Default.ChatCompletionRequest);
        await AssertSameBytes(new ChatCompletionRequest { Model = "m", Messages = [ChatMessage.User(new string('\u00e9', 40_000))], Temperature = 1e-7f, TopP = 0.1f }, ChatGptJsonContext.Default.ChatCompletionRequest);
    }

    [Fact]
    public void ChatWriter_NaNTemperature_ThrowsArgumentExceptionLikeTheContract()
    {
        var request = new ChatCompletionRequest { Model = "m", Messages = [ChatMessage.User("x")], Temperature = float.NaN };

        Assert.ThrowsAny<ArgumentException>(() => JsonSerializer.SerializeToUtf8Bytes(request, ChatGptJsonContext.Default.ChatCompletionRequest));
        Assert.ThrowsAny<ArgumentException>(() => PooledJsonContent.Create(request));
    }

    [Fact]
    public async Task CompletionWriter_EveryField_SameBytesAsTheContract()
    {
        var request = JsonSerializer.Deserialize(FullCompletionJson, ChatGptJsonContext.Default.CompletionRequest)!;
        ((IWireRequest<CompletionRequest>)request).Stream = false;

        AssertEveryPropertySet(request, [request], nameof(CompletionRequest.Prompts), nameof(CompletionRequest.PromptTokens), nameof(CompletionRequest.PromptTokenBatches));
        await AssertSameBytes(request, ChatGptJsonContext.Default.CompletionRequest);
    }

    [Theory]
    [InlineData("""{"model": "m", "prompt": "one"}""")]
    [InlineData("""{"model": "m", "prompt": ["a", "b"]}""")]
    [InlineData("""{"model": "m", "prompt": [1, 2, 3]}""")]
    [InlineData("""{"model": "m", "prompt": [[1], [2, 3]]}""")]
    [InlineData("""{"model": "m"}""")]
    public async Task CompletionWriter_EveryPromptShape_SameBytesAsTheContract(string json) =>
        await AssertSameBytes(JsonSerializer.Deserialize(json, ChatGptJsonContext.Default.CompletionRequest)!, ChatGptJsonContext.Default.CompletionRequest);

    private static async Task AssertSameBytes<T>(T request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> contract)
        where T : class, IWireRequest<T>
    {
        var expected = JsonSerializer.SerializeToUtf8Bytes(request, contract);

        using var content = PooledJsonContent.Create(request);

        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(await content.ReadAsByteArrayAsync()));
    }

    /// <summary>Every readable property of <paramref name="subject"/>'s type is set on at least one of the instances.</summary>
    private static void AssertEveryPropertySet<T>(T subject, IEnumerable<T> instances, params string[] exclusive)
    {
        const BindingFlags Flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        foreach (var property in typeof(T).GetProperties(Flags))
        {
            if (property.GetIndexParameters().Length > 0 || property.Name.Contains('.', StringComparison.Ordinal) || property.Name.StartsWith("Wire", StringComparison.Ordinal) || exclusive.Contains(property.Name))
            {
                continue;
            }

            Assert.True(instances.Any(i => i is not null && property.GetValue(i) is not null), $"{typeof(T).Name}.{property.Name} is not set in the test request: add it (and to the writer).");
        }

        Assert.NotNull(subject);
    }
}
