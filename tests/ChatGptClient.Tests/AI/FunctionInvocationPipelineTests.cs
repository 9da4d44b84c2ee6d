using System.Diagnostics;
using System.Text.Json.Nodes;
using ChatGpt.Tests.TestSupport;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace ChatGpt.Tests.AI;

/// <summary>The adapter under Microsoft.Extensions.AI's own middleware: a tool call runs end to end.</summary>
public sealed class FunctionInvocationPipelineTests
{
    private const string ToolCallAnswer = """
        {"id": "chatcmpl-1", "object": "chat.completion", "created": 1741570283, "model": "gpt-4o-mini",
         "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {"role": "assistant", "content": null,
           "tool_calls": [{"id": "call_w1", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}}]}}],
         "usage": {"prompt_tokens": 60, "completion_tokens": 15, "total_tokens": 75}}
        """;

    private const string FinalAnswer = """
        {"id": "chatcmpl-2", "object": "chat.completion", "created": 1741570284, "model": "gpt-4o-mini",
         "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "It is 21°C and sunny in Paris."}}],
         "usage": {"prompt_tokens": 90, "completion_tokens": 10, "total_tokens": 100}}
        """;

    private static AIFunction Weather(List<string> calls) =>
        AIFunctionFactory.Create((string city) => { calls.Add(city); return $"{city}: 21°C, sunny"; }, "get_weather", "Gets the current weather of a city");

    private static MockHttpMessageHandler ScriptedServer(List<string> bodies, string first, string second, string mediaType = "application/json")
    {
        var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Post, TestClients.BaseUrl + "chat/completions").CaptureBody(bodies.Add).Respond(mediaType, first);
        mock.Expect(HttpMethod.Post, TestClients.BaseUrl + "chat/completions").CaptureBody(bodies.Add).Respond(mediaType, second);
        return mock;
    }

    private static void AssertSecondRequestCarriesTheToolResult(string body, string callId)
    {
        var messages = JsonNode.Parse(body)!["messages"]!.AsArray();
        Assert.Equal(3, messages.Count);
        Assert.Equal("assistant", (string?)messages[1]!["role"]);
        Assert.Equal(callId, (string?)messages[1]!["tool_calls"]![0]!["id"]);
        Assert.Equal("get_weather", (string?)messages[1]!["tool_calls"]![0]!["function"]!["name"]);
        Assert.Equal("tool", (string?)messages[2]!["role"]);
        Assert.Equal(callId, (string?)messages[2]!["tool_call_id"]);
        Assert.Equal("Paris: 21°C, sunny", (string?)messages[2]!["content"]);
    }

    [Fact]
    public async Task UseFunctionInvocation_ToolCall_RunsTheFunctionAndSendsItsResult()
    {
        var bodies = new List<string>();
        var mock = ScriptedServer(bodies, ToolCallAnswer, FinalAnswer);
        var calls = new List<string>();
        const string SourceName = "ChatGpt.Tests.Pipeline";
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Add,
        };
        ActivitySource.AddActivityListener(listener);

        using var client = new ChatClientBuilder(TestClients.Create(mock).AsIChatClient("gpt-4o-mini"))
            .UseFunctionInvocation()
            .UseOpenTelemetry(sourceName: SourceName)
            .Build();

        var response = await client.GetResponseAsync("What's the weather in Paris?", new ChatOptions { Tools = [Weather(calls)] });

        Assert.Equal("It is 21°C and sunny in Paris.", response.Text);
        Assert.Equal(["Paris"], calls);
        mock.VerifyNoOutstandingExpectation();
        Assert.Equal(2, bodies.Count);
        AssertSecondRequestCarriesTheToolResult(bodies[1], "call_w1");
        Assert.Equal(175L, response.Usage!.TotalTokenCount);

        // OpenTelemetry read the provider from ChatClientMetadata and the token counts from the responses.
        var chatSpans = activities.Where(a => a.GetTagItem("gen_ai.operation.name") as string == "chat").ToList();
        Assert.Equal(2, chatSpans.Count);
        Assert.All(chatSpans, a => Assert.Contains(a.Tags, t => t.Value == "openai"));
        Assert.Contains(chatSpans, a => Equals(a.GetTagItem("gen_ai.usage.input_tokens"), 60));
    }

    [Fact]
    public async Task UseFunctionInvocation_StreamedToolCall_RunsTheFunctionAndStreamsTheAnswer()
    {
        var bodies = new List<string>();
        var first = ChatGptChatClientTests.Sse(
            """{"id":"chatcmpl-s1","object":"chat.completion.chunk","created":1741570283,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_s1","type":"function","function":{"name":"get_weather","arguments":"{\"ci"}}]},"finish_reason":null}]}""",
            """{"id":"chatcmpl-s1","object":"chat.completion.chunk","created":1741570283,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"ty\":\"Paris\"}"}}]},"finish_reason":"tool_calls"}]}""",
            "[DONE]");
        var second = ChatGptChatClientTests.Sse(
            """{"id":"chatcmpl-s2","object":"chat.completion.chunk","created":1741570284,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":"Sunny, "},"finish_reason":null}]}""",
            """{"id":"chatcmpl-s2","object":"chat.completion.chunk","created":1741570284,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"21°C."},"finish_reason":"stop"}]}""",
            "[DONE]");
        var mock = ScriptedServer(bodies, first, second, "text/event-stream");
        var calls = new List<string>();
        using var client = new ChatClientBuilder(TestClients.Create(mock).AsIChatClient()).UseFunctionInvocation().Build();

        var text = new System.Text.StringBuilder();
        await foreach (var update in client.GetStreamingResponseAsync("Weather in Paris?", new ChatOptions { Tools = [Weather(calls)] }))
        {
            text.Append(update.Text);
        }

        Assert.Equal("Sunny, 21°C.", text.ToString());
        Assert.Equal(["Paris"], calls);
        AssertSecondRequestCarriesTheToolResult(bodies[1], "call_s1");
    }

    [Fact]
    public async Task AddChatClient_WithCreateChatGptChatClient_RunsThePipelineFromTheContainer()
    {
        var bodies = new List<string>();
        var mock = ScriptedServer(bodies, ToolCallAnswer, FinalAnswer);
        var calls = new List<string>();
        var services = new ServiceCollection();
        services.AddChatGpt(o =>
        {
            o.ApiKey = TestClients.ApiKey;
            o.BaseAddress = new Uri(TestClients.BaseUrl);
            o.DefaultModel = "gpt-4o-mini";
        }).ConfigurePrimaryHttpMessageHandler(() => mock);
        services.AddChatClient(sp => sp.CreateChatGptChatClient()).UseFunctionInvocation();
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IChatClient>();
        var response = await client.GetResponseAsync("What's the weather in Paris?", new ChatOptions { Tools = [Weather(calls)] });

        Assert.Equal("It is 21°C and sunny in Paris.", response.Text);
        AssertSecondRequestCarriesTheToolResult(bodies[1], "call_w1");
        Assert.Equal("gpt-4o-mini", client.GetService<ChatClientMetadata>()!.DefaultModelId);
        Assert.Equal("gpt-4o-mini", (string?)JsonNode.Parse(bodies[0])!["model"]);
    }

    [Fact]
    public void CreateChatGptChatClient_WithoutAddChatGpt_FailsAtCreation()
    {
        using var provider = new ServiceCollection().BuildServiceProvider();

        Assert.Throws<InvalidOperationException>(() => provider.CreateChatGptChatClient());
    }
}
