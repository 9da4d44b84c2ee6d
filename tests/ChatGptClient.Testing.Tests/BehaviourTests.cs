using System.Text.Json;
using ChatGpt.Testing.Tests.Infrastructure;
using Microsoft.ML.Tokenizers;

namespace ChatGpt.Testing.Tests;

/// <summary>The deterministic "model": rules, max_tokens, stop, n, tools and response formats.</summary>
public class BehaviourTests
{
    private const string WeatherTool = """{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer"}}}}}""";
    private const string StockTool = """{"type":"function","function":{"name":"lookupStockPrice","parameters":{"type":"object","properties":{"symbol":{"type":"string"}}}}}""";

    [Theory]
    [InlineData("Hello!", "Hello! I am the ChatGptClient emulator. How can I help you today?")]
    [InlineData("echo: exactly this", "exactly this")]
    [InlineData("Say this is a test", "This is a test.")]
    [InlineData("What is 12 * 3?", "12 * 3 = 36.")]
    [InlineData("What is the capital of France?", "The capital of France is Paris.")]
    [InlineData("Count to 3", "1, 2, 3.")]
    [InlineData("Something else", "You said: \"Something else\". I am the ChatGptClient emulator, a local stand-in for the OpenAI API, so this is a canned, deterministic answer.")]
    public async Task Chat_KnownPrompt_AnswersDeterministically(string prompt, string expected)
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);

        var first = await ChatContentAsync(host, prompt);
        var second = await ChatContentAsync(host, prompt);

        Assert.Equal(expected, first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Chat_MaxTokens_CutsTheAnswerWithFinishReasonLength()
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);

        using var response = await host.Client.PostAsync("chat/completions", """{"model":"m","messages":[{"role":"user","content":"Tell me a story"}],"max_completion_tokens":5}""");

        var json = await response.ReadJsonAsync();
        Assert.Equal("length", json.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(5, json.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal("Once upon a time,", json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Chat_StopSequence_CutsBeforeItWithFinishReasonStop()
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);

        using var response = await host.Client.PostAsync("chat/completions", """{"model":"m","messages":[{"role":"user","content":"Count to 10"}],"stop":["7", "9"],"stream":true}""", HttpCompletionOption.ResponseHeadersRead);

        var events = await response.ReadEventsAsync();
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
        var text = string.Concat(chunks.Select(c => c.GetProperty("choices")[0].GetProperty("delta")).Where(d => d.TryGetProperty("content", out _)).Select(d => d.GetProperty("content").GetString()));
        Assert.Equal("1, 2, 3, 4, 5, 6, ", text);
        Assert.Equal("stop", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Chat_Usage_CountsPromptWithO200kLikeTheApi()
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);
        const string content = "How many tokens is this sentence?";

        using var response = await host.Client.PostAsync("chat/completions", $$"""{"model":"m","messages":[{"role":"user","content":"{{content}}"}]}""");

        var json = await response.ReadJsonAsync();
        var tokenizer = TiktokenTokenizer.CreateForEncoding("o200k_base");
        var expected = 3 + 3 + tokenizer.CountTokens("user") + tokenizer.CountTokens(content);
        Assert.Equal(expected, json.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        var answer = json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        Assert.Equal(tokenizer.CountTokens(answer), json.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Theory]
    [InlineData("What's the weather in Berlin for 3 days?", "get_weather", """{"city":"Berlin","days":3}""")]
    [InlineData("Call get_weather please", "get_weather", """{"city":"Call get_weather please","days":1}""")]
    [InlineData("What is the stock price of MSFT?", "lookupStockPrice", """{"symbol":"MSFT"}""")]
    public async Task Chat_PromptMentionsTool_CallsIt(string prompt, string tool, string arguments)
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);

        using var response = await host.Client.PostAsync("chat/completions", $$"""{"model":"m","messages":[{"role":"user","content":"{{prompt}}"}],"tools":[{{WeatherTool}},{{StockTool}}]}""");

        var call = Assert.Single((await response.ReadJsonAsync()).GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls").EnumerateArray());
        Assert.Equal(tool, call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal(arguments, call.GetProperty("function").GetProperty("arguments").GetString());
    }

    [Fact]
    public async Task Chat_PromptMentionsTwoTools_CallsBothInParallelUnlessDisabled()
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);
        const string messages = """[{"role":"user","content":"weather in Oslo and the stock price of NOK"}]""";

        using var parallel = await host.Client.PostAsync("chat/completions", $$"""{"model":"m","messages":{{messages}},"tools":[{{WeatherTool}},{{StockTool}}]}""");
        using var single = await host.Client.PostAsync("chat/completions", $$"""{"model":"m","messages":{{messages}},"tools":[{{WeatherTool}},{{StockTool}}],"parallel_tool_calls":false}""");

        Assert.Equal(2, (await parallel.ReadJsonAsync()).GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls").GetArrayLength());
        Assert.Equal(1, (await single.ReadJsonAsync()).GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls").GetArrayLength());
    }

    [Theory]
    [InlineData("\"none\"", "What's the weather in Rome?", false)]
    [InlineData("\"required\"", "Hello", true)]
    [InlineData("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}", "Hello", true)]
    [InlineData("\"auto\"", "Hello", false)]
    public async Task Chat_ToolChoice_IsHonoured(string toolChoice, string prompt, bool expectCall)
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);

        using var response = await host.Client.PostAsync("chat/completions", $$"""{"model":"m","messages":[{"role":"user","content":"{{prompt}}"}],"tools":[{{WeatherTool}}],"tool_choice":{{toolChoice}}}""");

        var choice = (await response.ReadJsonAsync()).GetProperty("choices")[0];
        Assert.Equal(expectCall ? "tool_calls" : "stop", choice.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Chat_FollowUpWithToolResult_AnswersWithTheResult()
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);
        const string body = """
            {"model":"m","tools":[{"type":"function","function":{"name":"get_weather"}}],"messages":[
              {"role":"user","content":"What's the weather in Paris?"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"{\"temperature\":21,\"sky\":\"sunny\"}"}]}
            """;

        using var response = await host.Client.PostAsync("chat/completions", body);

        var choice = (await response.ReadJsonAsync()).GetProperty("choices")[0];
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal("""According to get_weather: {"temperature":21,"sky":"sunny"}.""", choice.GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Chat_JsonResponseFormats_AnswerValidJson()
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);

        var jsonObject = await ChatContentAsync(host, "Hi", ""","response_format":{"type":"json_object"}""");
        var jsonSchema = await ChatContentAsync(host, "Hi", ""","response_format":{"type":"json_schema","json_schema":{"name":"a","schema":{"type":"object","properties":{"answer":{"type":"string"},"score":{"type":"number"},"tags":{"type":"array","items":{"type":"string"}}}}}}""");

        Assert.StartsWith("Hello!", JsonDocument.Parse(jsonObject).RootElement.GetProperty("response").GetString());
        var parsed = JsonDocument.Parse(jsonSchema).RootElement;
        Assert.Equal(JsonValueKind.String, parsed.GetProperty("answer").ValueKind);
        Assert.Equal(JsonValueKind.Number, parsed.GetProperty("score").ValueKind);
        Assert.Equal(JsonValueKind.Array, parsed.GetProperty("tags").ValueKind);
    }

    [Fact]
    public async Task Completion_Defaults_StopsAfter16TokensAndEchoesWhenAsked()
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);

        using var response = await host.Client.PostAsync("completions", """{"model":"gpt-3.5-turbo-instruct","prompt":"The sky is","echo":true}""");

        var json = await response.ReadJsonAsync();
        var choice = json.GetProperty("choices")[0];
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.StartsWith("The sky is and the emulator", choice.GetProperty("text").GetString());
        Assert.Equal(16, json.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Completion_TokenPrompt_IsDecoded()
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);
        var ids = TiktokenTokenizer.CreateForEncoding("o200k_base").EncodeToIds("Say this is a test");

        using var response = await host.Client.PostAsync("completions", $$"""{"model":"m","prompt":[{{string.Join(',', ids)}}]}""");

        Assert.Equal("\n\nThis is indeed a test", (await response.ReadJsonAsync()).GetProperty("choices")[0].GetProperty("text").GetString());
    }

    private static async Task<string> ChatContentAsync(HostedEmulator host, string prompt, string extra = "")
    {
        using var response = await host.Client.PostAsync("chat/completions", $$"""{"model":"m","messages":[{"role":"user","content":{{JsonSerializer.Serialize(prompt)}}}]{{extra}}}""");
        return (await response.ReadJsonAsync()).GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
    }
}
