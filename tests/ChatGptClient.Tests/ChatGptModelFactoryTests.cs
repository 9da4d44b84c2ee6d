using System.Net;
using System.Text;
using System.Text.Json;
using ChatGpt.Chat;
using ChatGpt.Completions;
using ChatGpt.Diagnostics;
using ChatGpt.Serialization;
using ChatGpt.Streaming;
using ChatGpt.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace ChatGpt.Tests;

/// <summary>The objects users build for their own tests behave like the ones the client parses from a response.</summary>
public sealed class ChatGptModelFactoryTests
{
    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeSeconds(1741570283);

    [Fact]
    public async Task ChatCompletion_SameValuesAsAParsedAnswer_SerializesToTheSameJsonAndReadsTheSame()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", """
            {"id":"chatcmpl-1","object":"chat.completion","created":1741570283,"model":"gpt-4o-mini","system_fingerprint":"fp_1","service_tier":"default",
             "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":"{\"city\":\"Paris\",\"temperature_c\":21.5,\"note\":null,\"days\":[]}",
               "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{}"}}]}}],
             "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15,"prompt_tokens_details":{"cached_tokens":4},"completion_tokens_details":{"reasoning_tokens":2}}}
            """);
        var parsed = await TestClients.Create(mock).CreateChatCompletionAsync(new ChatCompletionRequest { Model = "m", Messages = [ChatMessage.User("x")] });

        var message = ChatMessage.Assistant([ChatToolCall.CreateFunctionCall("call_1", "get_weather", "{}")]);
        message.Content = """{"city":"Paris","temperature_c":21.5,"note":null,"days":[]}""";
        var built = ChatGptModelFactory.ChatCompletion(
            id: "chatcmpl-1",
            model: "gpt-4o-mini",
            created: Created,
            systemFingerprint: "fp_1",
            serviceTier: ChatServiceTier.Default,
            choices: [ChatGptModelFactory.ChatChoice(message: message, finishReason: FinishReason.ToolCalls)],
            usage: ChatGptModelFactory.CompletionUsage(10, 5, promptTokensDetails: ChatGptModelFactory.PromptTokensDetails(cachedTokens: 4), completionTokensDetails: ChatGptModelFactory.CompletionTokensDetails(reasoningTokens: 2)));

        Assert.Equal(Json(parsed), Json(built));
        Assert.Equal(parsed.Content, built.Content);
        Assert.Equal(parsed.FinishReason, built.FinishReason);
        Assert.Equal(parsed.ToolCalls[0].Function!.Name, built.ToolCalls[0].Function!.Name);
        Assert.Equal(parsed.GetContent(StructuredJsonContext.Default.WeatherReport).City, built.GetContent(StructuredJsonContext.Default.WeatherReport).City);
        Assert.Equal(15, built.Usage!.TotalTokens);
    }

    [Fact]
    public void ChatChoice_WithoutMessage_HasAnEmptyAssistantMessageLikeAParsedOne()
    {
        var parsed = JsonSerializer.Deserialize("""{"index":0,"finish_reason":"stop"}""", ChatGptJsonContext.Default.ChatChoice)!;
        var built = ChatGptModelFactory.ChatChoice(finishReason: "stop");

        Assert.Equal(parsed.Message.Role, built.Message.Role);
        Assert.Equal(parsed.FinishReason, built.FinishReason);
    }

    [Fact]
    public void ChatCompletionChunks_Accumulate_LikeAParsedStream()
    {
        var info = ChatGptModelFactory.ChatGptResponseInfo(requestId: "req_1");
        ChatCompletionChunk[] chunks =
        [
            ChatGptModelFactory.ChatCompletionChunk(created: Created, responseInfo: info, serviceTier: "priority", choices: [ChatGptModelFactory.ChatChunkChoice(delta: ChatGptModelFactory.ChatMessageDelta("Hel", ChatRole.Assistant))]),
            ChatGptModelFactory.ChatCompletionChunk(created: Created, choices: [ChatGptModelFactory.ChatChunkChoice(delta: ChatGptModelFactory.ChatMessageDelta("lo", toolCalls: [ChatGptModelFactory.ChatToolCallDelta(0, "call_1", "get_weather", "{\"ci")]))]),
            ChatGptModelFactory.ChatCompletionChunk(created: Created, choices: [ChatGptModelFactory.ChatChunkChoice(delta: ChatGptModelFactory.ChatMessageDelta(toolCalls: [ChatGptModelFactory.ChatToolCallDelta(0, argumentsDelta: "ty\":1}")]), finishReason: FinishReason.ToolCalls)]),
            ChatGptModelFactory.ChatCompletionChunk(created: Created, usage: ChatGptModelFactory.CompletionUsage(3, 4)),
        ];

        var accumulator = new ChatCompletionAccumulator();
        foreach (var chunk in chunks)
        {
            accumulator.Append(chunk);
        }

        var completion = accumulator.ToCompletion();
        Assert.Equal("Hello", completion.Content);
        Assert.Equal(FinishReason.ToolCalls, completion.FinishReason);
        Assert.Equal(("call_1", "function", "get_weather", "{\"city\":1}"), (completion.ToolCalls[0].Id, completion.ToolCalls[0].Type, completion.ToolCalls[0].Function!.Name, completion.ToolCalls[0].Function!.Arguments));
        Assert.Equal(ChatServiceTier.Priority, completion.ServiceTier);
        Assert.Equal(7, completion.Usage!.TotalTokens);
        Assert.Equal("req_1", completion.ResponseInfo!.RequestId);
        Assert.Equal("chat.completion.chunk", chunks[0].Object);
        Assert.Equal(
            """{"id":"chatcmpl-test","object":"chat.completion.chunk","created":1741570283,"model":"gpt-4o-mini","service_tier":"priority","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"}}]}""",
            JsonSerializer.Serialize(chunks[0], ChatGptJsonContext.Default.ChatCompletionChunk));
    }

    [Fact]
    public async Task Completion_SameValuesAsAParsedAnswer_SerializesToTheSameJson()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", """
            {"id":"cmpl-1","object":"text_completion","created":1741570283,"model":"gpt-3.5-turbo-instruct",
             "choices":[{"text":" world","index":0,"finish_reason":"length"}],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}
            """);
        var parsed = await TestClients.Create(mock).CreateCompletionAsync(new CompletionRequest { Model = "m", Prompt = "Hello" });

        var built = ChatGptModelFactory.Completion(
            id: "cmpl-1",
            created: Created,
            choices: [ChatGptModelFactory.CompletionChoice(" world", finishReason: FinishReason.Length)],
            usage: ChatGptModelFactory.CompletionUsage(1, 2));

        Assert.Equal(Json(parsed), Json(built));
        Assert.Equal(parsed.Text, built.Text);
    }

    [Fact]
    public async Task ChatGptModel_SameValuesAsAListedOne_HasTheSameProperties()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", """{"object":"list","data":[{"id":"gpt-4o","object":"model","created":1686935002,"owned_by":"openai","shutdown_date":"2026-10-23"}]}""");
        var parsed = (await TestClients.Create(mock).ListModelsAsync())[0];

        var built = ChatGptModelFactory.ChatGptModel("gpt-4o", DateTimeOffset.FromUnixTimeSeconds(1686935002), "openai", "2026-10-23");

        Assert.Equal((parsed.Id, parsed.Object, parsed.Created, parsed.OwnedBy, parsed.ShutdownDate), (built.Id, built.Object, built.Created, built.OwnedBy, built.ShutdownDate));
        Assert.Equal("gpt-4o", built.ToString());
    }

    [Fact]
    public async Task ChatGptException_SameValuesAsAServerError_HasTheSameProperties()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(request =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
            {
                Content = new StringContent("""{"error":{"message":"Slow down","type":"requests","code":"rate_limit_exceeded","param":"model"}}""", Encoding.UTF8, "application/json"),
            };
            response.Headers.TryAddWithoutValidation("x-request-id", "req_9");
            response.Headers.TryAddWithoutValidation("retry-after-ms", "1500");
            return response;
        });
        var parsed = await Assert.ThrowsAsync<ChatGptException>(() => TestClients.Create(mock).CreateChatCompletionAsync(new ChatCompletionRequest { Model = "m", Messages = [ChatMessage.User("x")] }));

        var built = ChatGptModelFactory.ChatGptException("Slow down", HttpStatusCode.TooManyRequests, "requests", "rate_limit_exceeded", "model", "req_9", TimeSpan.FromMilliseconds(1500));

        Assert.Equal(
            (parsed.StatusCode, parsed.ErrorType, parsed.ErrorCode, parsed.Param, parsed.RequestId, parsed.RetryAfter),
            (built.StatusCode, built.ErrorType, built.ErrorCode, built.Param, built.RequestId, built.RetryAfter));
        Assert.Contains("Slow down", built.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatGptResponseInfo_SameValuesAsAServerResponse_ReadsTheSame()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(request =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Bodies.ChatCompletion, Encoding.UTF8, "application/json") };
            foreach (var (name, value) in (ReadOnlySpan<(string, string)>)[
                ("x-request-id", "req_7"), ("openai-processing-ms", "250"), ("openai-version", "2020-10-01"),
                ("x-ratelimit-limit-requests", "500"), ("x-ratelimit-limit-tokens", "30000"), ("x-ratelimit-remaining-requests", "499"),
                ("x-ratelimit-remaining-tokens", "29000"), ("x-ratelimit-reset-requests", "120ms"), ("x-ratelimit-reset-tokens", "6m0s")])
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return response;
        });
        var parsed = (await TestClients.Create(mock).CreateChatCompletionAsync(new ChatCompletionRequest { Model = "m", Messages = [ChatMessage.User("x")] })).ResponseInfo!;

        var built = ChatGptModelFactory.ChatGptResponseInfo(
            requestId: "req_7",
            processingTime: TimeSpan.FromMilliseconds(250),
            rateLimits: ChatGptModelFactory.ChatGptRateLimitInfo(500, 30000, 499, 29000, TimeSpan.FromMilliseconds(120), TimeSpan.FromMinutes(6)),
            headers: [new("openai-version", "2020-10-01")]);
        var completion = ChatGptModelFactory.ChatCompletion(responseInfo: built);

        Assert.Same(built, completion.ResponseInfo);
        Assert.Equal((parsed.StatusCode, parsed.RequestId, parsed.ProcessingTime), (built.StatusCode, built.RequestId, built.ProcessingTime));
        Assert.Equal(parsed.RateLimits.ToString(), built.RateLimits.ToString());
        Assert.Equal(parsed.RateLimits.ResetTokens, built.RateLimits.ResetTokens);
        Assert.Equal(parsed.Headers.GetValues("openai-version"), built.Headers.GetValues("openai-version"));
        Assert.Equal(parsed.ToString(), built.ToString());
        Assert.Null(built.RawBody);
    }

    [Fact]
    public void ChatGptResponseInfo_Defaults_AreAnEmptySuccessfulResponse()
    {
        var info = ChatGptModelFactory.ChatGptResponseInfo(rawBody: "{}"u8.ToArray());

        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        Assert.Null(info.RequestId);
        Assert.True(info.RateLimits.IsEmpty);
        Assert.Equal("{}", Encoding.UTF8.GetString(info.RawBody!.Value.Span));
    }

    [Fact]
    public void ChatGptResponseInfo_HasNoPublicConstructor_TheFactoryIsTheWayToBuildOne()
    {
        Assert.Empty(typeof(ChatGptResponseInfo).GetConstructors());
    }

    private static string Json(ChatCompletion completion) => JsonSerializer.Serialize(completion, ChatGptJsonContext.Default.ChatCompletion);

    private static string Json(Completion completion) => JsonSerializer.Serialize(completion, ChatGptJsonContext.Default.Completion);
}
