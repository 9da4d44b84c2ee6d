using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatGpt.Testing.Tests.Infrastructure;

namespace ChatGpt.Testing.Tests;

/// <summary>The emulator's responses, both hostings, validated against the OpenAI spec's schemas.</summary>
public partial class SpecConformanceTests
{
    private const string ChatPath = "chat/completions";
    private const string CompletionsPath = "completions";

    private const string WeatherTool = """
        {"type":"function","function":{"name":"get_weather","description":"Current weather of a city",
         "parameters":{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["city","unit"]}}}
        """;

    [Theory]
    [InlineData(EmulatorHosting.InMemory)]
    [InlineData(EmulatorHosting.Kestrel)]
    public async Task ChatCompletion_NotStreamed_MatchesSpecAndHeaders(EmulatorHosting hosting)
    {
        await using var host = await HostedEmulator.StartAsync(hosting);

        using var response = await host.Client.PostAsync(ChatPath, """{"model":"gpt-4o-mini","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hello there"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.ContentType()?.MediaType);
        var json = await response.ReadJsonAsync();
        SpecSchemas.AssertValid(SpecSchemas.ChatCompletion, json);
        Assert.Equal("chat.completion", json.GetProperty("object").GetString());
        Assert.Equal("gpt-4o-mini", json.GetProperty("model").GetString());
        Assert.StartsWith("chatcmpl-", json.GetProperty("id").GetString());
        var choice = Assert.Single(json.GetProperty("choices").EnumerateArray());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.StartsWith("Hello!", choice.GetProperty("message").GetProperty("content").GetString());
        AssertCommonHeaders(response);
    }

    [Theory]
    [InlineData(EmulatorHosting.InMemory)]
    [InlineData(EmulatorHosting.Kestrel)]
    public async Task ChatCompletion_WithLogprobsAndSeveralChoices_MatchesSpec(EmulatorHosting hosting)
    {
        await using var host = await HostedEmulator.StartAsync(hosting);

        using var response = await host.Client.PostAsync(ChatPath, """{"model":"gpt-4o","messages":[{"role":"user","content":"Tell me a joke"}],"n":3,"logprobs":true,"top_logprobs":2}""");

        var json = await response.ReadJsonAsync();
        SpecSchemas.AssertValid(SpecSchemas.ChatCompletion, json);
        var choices = json.GetProperty("choices").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2], choices.Select(c => c.GetProperty("index").GetInt32()));
        var tokens = choices[0].GetProperty("logprobs").GetProperty("content").EnumerateArray().ToList();
        Assert.Equal(choices[0].GetProperty("message").GetProperty("content").GetString(), string.Concat(tokens.Select(t => t.GetProperty("token").GetString())));
        Assert.All(tokens, t => Assert.Equal(2, t.GetProperty("top_logprobs").GetArrayLength()));
        Assert.All(tokens, t => Assert.True(t.GetProperty("logprob").GetDouble() < 0));
    }

    [Theory]
    [InlineData(EmulatorHosting.InMemory)]
    [InlineData(EmulatorHosting.Kestrel)]
    public async Task ChatCompletion_Streamed_EveryChunkMatchesSpecAndStreamEndsWithDone(EmulatorHosting hosting)
    {
        await using var host = await HostedEmulator.StartAsync(hosting);

        using var response = await host.Client.PostAsync(ChatPath, """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Count to 5"}],"stream":true}""", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal("text/event-stream", response.ContentType()?.MediaType);
        var events = await response.ReadEventsAsync();
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.All(chunks, c => SpecSchemas.AssertValid(SpecSchemas.ChatCompletionChunk, c));
        Assert.All(chunks, c => Assert.False(c.TryGetProperty("usage", out _)));
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        var text = string.Concat(chunks.Select(c => c.GetProperty("choices")[0].GetProperty("delta")).Where(d => d.TryGetProperty("content", out _)).Select(d => d.GetProperty("content").GetString()));
        Assert.Equal("1, 2, 3, 4, 5.", text);
        Assert.True(chunks.Count > 4, "one chunk per token");
        Assert.Equal("stop", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        AssertCommonHeaders(response);
    }

    [Theory]
    [InlineData(EmulatorHosting.InMemory)]
    [InlineData(EmulatorHosting.Kestrel)]
    public async Task ChatCompletion_StreamedWithIncludeUsage_EndsWithUsageChunkWithNoChoices(EmulatorHosting hosting)
    {
        await using var host = await HostedEmulator.StartAsync(hosting);

        using var response = await host.Client.PostAsync(ChatPath, """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"stream":true,"stream_options":{"include_usage":true},"n":2,"logprobs":true}""", HttpCompletionOption.ResponseHeadersRead);

        var events = await response.ReadEventsAsync();
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.All(chunks, c => SpecSchemas.AssertValid(SpecSchemas.ChatCompletionChunk, c));
        var last = chunks[^1];
        Assert.Equal(0, last.GetProperty("choices").GetArrayLength());
        var usage = last.GetProperty("usage");
        Assert.True(usage.GetProperty("prompt_tokens").GetInt32() > 0);
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32(), usage.GetProperty("total_tokens").GetInt32());
        Assert.All(chunks[..^1], c => Assert.Equal(JsonValueKind.Null, c.GetProperty("usage").ValueKind));
        Assert.Equal([0, 1], chunks[..^1].Select(c => c.GetProperty("choices")[0].GetProperty("index").GetInt32()).Distinct().Order());
    }

    [Theory]
    [InlineData(EmulatorHosting.InMemory, false)]
    [InlineData(EmulatorHosting.InMemory, true)]
    [InlineData(EmulatorHosting.Kestrel, false)]
    [InlineData(EmulatorHosting.Kestrel, true)]
    public async Task ChatCompletion_ToolCall_MatchesSpec(EmulatorHosting hosting, bool stream)
    {
        await using var host = await HostedEmulator.StartAsync(hosting);
        var body = $$"""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"What is the weather in Paris?"}],"tools":[{{WeatherTool}}],"stream":{{(stream ? "true" : "false")}}}""";

        using var response = await host.Client.PostAsync(ChatPath, body, HttpCompletionOption.ResponseHeadersRead);

        string name, arguments, finish;
        if (stream)
        {
            var events = await response.ReadEventsAsync();
            var chunks = events[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
            Assert.All(chunks, c => SpecSchemas.AssertValid(SpecSchemas.ChatCompletionChunk, c));
            var deltas = chunks.Select(c => c.GetProperty("choices")[0].GetProperty("delta")).Where(d => d.TryGetProperty("tool_calls", out _)).Select(d => d.GetProperty("tool_calls")[0]).ToList();
            name = deltas[0].GetProperty("function").GetProperty("name").GetString()!;
            Assert.StartsWith("call_", deltas[0].GetProperty("id").GetString());
            arguments = string.Concat(deltas.Select(d => d.GetProperty("function").GetProperty("arguments").GetString()));
            finish = chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString()!;
        }
        else
        {
            var json = await response.ReadJsonAsync();
            SpecSchemas.AssertValid(SpecSchemas.ChatCompletion, json);
            var message = json.GetProperty("choices")[0].GetProperty("message");
            Assert.Equal(JsonValueKind.Null, message.GetProperty("content").ValueKind);
            var call = message.GetProperty("tool_calls")[0];
            name = call.GetProperty("function").GetProperty("name").GetString()!;
            arguments = call.GetProperty("function").GetProperty("arguments").GetString()!;
            finish = json.GetProperty("choices")[0].GetProperty("finish_reason").GetString()!;
        }

        Assert.Equal("get_weather", name);
        Assert.Equal("tool_calls", finish);
        Assert.Equal("""{"city":"Paris","unit":"celsius"}""", arguments);
    }

    [Theory]
    [InlineData(EmulatorHosting.InMemory)]
    [InlineData(EmulatorHosting.Kestrel)]
    public async Task Completion_NotStreamed_MatchesSpec(EmulatorHosting hosting)
    {
        await using var host = await HostedEmulator.StartAsync(hosting);

        using var response = await host.Client.PostAsync(CompletionsPath, """{"model":"gpt-3.5-turbo-instruct","prompt":["Say this is a test","Once upon a time"],"max_tokens":7,"n":2,"logprobs":2}""");

        var json = await response.ReadJsonAsync();
        SpecSchemas.AssertValid(SpecSchemas.Completion, json);
        Assert.Equal("text_completion", json.GetProperty("object").GetString());
        Assert.StartsWith("cmpl-", json.GetProperty("id").GetString());
        var choices = json.GetProperty("choices").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2, 3], choices.Select(c => c.GetProperty("index").GetInt32()));
        Assert.Equal("\n\nThis is indeed a test", choices[0].GetProperty("text").GetString());
        Assert.Equal("length", choices[2].GetProperty("finish_reason").GetString());
        var logprobs = choices[2].GetProperty("logprobs");
        Assert.Equal(7, logprobs.GetProperty("tokens").GetArrayLength());
        Assert.Equal(choices.Sum(c => c.GetProperty("logprobs").GetProperty("tokens").GetArrayLength()), json.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        AssertCommonHeaders(response);
    }

    [Theory]
    [InlineData(EmulatorHosting.InMemory)]
    [InlineData(EmulatorHosting.Kestrel)]
    public async Task Completion_Streamed_EveryChunkMatchesSpec(EmulatorHosting hosting)
    {
        await using var host = await HostedEmulator.StartAsync(hosting);

        using var response = await host.Client.PostAsync(CompletionsPath, """{"model":"gpt-3.5-turbo-instruct","prompt":"Once upon a time","stream":true,"stream_options":{"include_usage":true},"logprobs":1}""", HttpCompletionOption.ResponseHeadersRead);

        var events = await response.ReadEventsAsync();
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
        // The spec says streamed and whole completions share one schema, but the API sends "finish_reason": null on every
        // chunk but the last (as the emulator does); validate those with the finish reason the schema expects.
        Assert.All(chunks[..^1], c => SpecSchemas.AssertValid(SpecSchemas.Completion, WithFinishReason(c)));
        Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
        Assert.Equal(16, chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal("length", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Theory]
    [InlineData(EmulatorHosting.InMemory)]
    [InlineData(EmulatorHosting.Kestrel)]
    public async Task Models_ListAndRetrieve_MatchSpec(EmulatorHosting hosting)
    {
        await using var host = await HostedEmulator.StartAsync(hosting);

        using var list = await host.Client.GetAsync("models");
        using var one = await host.Client.GetAsync("models/gpt-4o");
        using var missing = await host.Client.GetAsync("models/gpt-0");

        var json = await list.ReadJsonAsync();
        SpecSchemas.AssertValid(SpecSchemas.ModelList, json);
        Assert.Contains("gpt-4o-mini", json.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        SpecSchemas.AssertValid(SpecSchemas.Model, await one.ReadJsonAsync());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var error = await missing.ReadJsonAsync();
        SpecSchemas.AssertValid(SpecSchemas.Error, error);
        Assert.Equal("model_not_found", error.GetProperty("error").GetProperty("code").GetString());
        Assert.NotNull(list.Header("x-request-id"));
    }

    [Theory]
    [InlineData(EmulatorHosting.InMemory)]
    [InlineData(EmulatorHosting.Kestrel)]
    public async Task Errors_AllMatchErrorSchema(EmulatorHosting hosting)
    {
        await using var host = await HostedEmulator.StartAsync(hosting);
        host.Emulator.RequestsPerMinute = 1;

        using var ok = await host.Client.PostAsync(ChatPath, """{"model":"m","messages":[{"role":"user","content":"x"}]}""");
        using var limited = await host.Client.PostAsync(ChatPath, """{"model":"m","messages":[{"role":"user","content":"x"}]}""");
        using var invalid = await host.Client.PostAsync(ChatPath, """{"model":"m","messages":[]}""");
        using var notFound = await host.Client.GetAsync("nothing/here");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        foreach (var (response, status) in new[] { (limited, HttpStatusCode.TooManyRequests), (invalid, HttpStatusCode.BadRequest), (notFound, HttpStatusCode.NotFound) })
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/json", response.ContentType()?.MediaType);
            SpecSchemas.AssertValid(SpecSchemas.Error, await response.ReadJsonAsync());
            Assert.NotNull(response.Header("x-request-id"));
        }
    }

    [Fact]
    public void SpecSchemas_InvalidDocument_IsRejected()
    {
        // The validator must be able to fail: a chat completion without choices, and a chunk with a bad finish_reason.
        Assert.False(SpecSchemas.IsValid(SpecSchemas.ChatCompletion, """{"id":"x","object":"chat.completion","created":1,"model":"m"}"""));
        Assert.False(SpecSchemas.IsValid(SpecSchemas.ChatCompletionChunk, """{"id":"x","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tired"}]}"""));
        Assert.True(SpecSchemas.IsValid(SpecSchemas.ChatCompletionChunk, """{"id":"x","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":null}]}"""));
    }

    private static JsonElement WithFinishReason(JsonElement chunk)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(chunk.GetRawText())!;
        foreach (var choice in node["choices"]!.AsArray())
        {
            choice!["finish_reason"] ??= "length";
        }

        return JsonDocument.Parse(node.ToJsonString()).RootElement;
    }

    private static void AssertCommonHeaders(HttpResponseMessage response)
    {
        Assert.Matches("^req_[0-9a-f]{32}$", response.Header("x-request-id"));
        Assert.True(int.TryParse(response.Header("openai-processing-ms"), out _));
        Assert.Equal("10000", response.Header("x-ratelimit-limit-requests"));
        Assert.Equal("10000000", response.Header("x-ratelimit-limit-tokens"));
        Assert.Equal("9999", response.Header("x-ratelimit-remaining-requests"));
        Assert.True(int.Parse(response.Header("x-ratelimit-remaining-tokens")!, System.Globalization.CultureInfo.InvariantCulture) < 10_000_000);
        Assert.Matches(DurationRegex(), response.Header("x-ratelimit-reset-requests"));
        Assert.Matches(DurationRegex(), response.Header("x-ratelimit-reset-tokens"));
    }

    [GeneratedRegex(@"^(\d+h)?(\d+m)?(\d+(\.\d+)?s|\d+ms)$")]
    private static partial Regex DurationRegex();
}
