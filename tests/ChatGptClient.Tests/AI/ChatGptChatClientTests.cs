using System.Text.Json;
using System.Text.Json.Nodes;
using ChatGpt.Chat;
using ChatGpt.Tests.TestSupport;
using Microsoft.Extensions.AI;
using RichardSzalay.MockHttp;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AIChatResponseFormat = Microsoft.Extensions.AI.ChatResponseFormat;
using AIChatRole = Microsoft.Extensions.AI.ChatRole;

namespace ChatGpt.Tests.AI;

/// <summary>The IChatClient adapter: exact requests for ChatOptions and contents, and responses mapped back.</summary>
public sealed class ChatGptChatClientTests
{
    private static readonly string ToolCallStream = Sse(
        """{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1741570283,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]}""",
        """{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1741570283,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_2","type":"function","function":{"name":"get_order","arguments":"{\"orderId\":"}}]},"finish_reason":null}]}""",
        """{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1741570283,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":\"Pa"}}]},"finish_reason":null}]}""",
        """{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1741570283,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"ris\"}"}},{"index":1,"function":{"arguments":"\"A-17\"}"}}]},"finish_reason":null}]}""",
        """{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1741570283,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""",
        """{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1741570283,"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":50,"completion_tokens":20,"total_tokens":70}}""",
        "[DONE]");

    internal static string Sse(params string[] data) => string.Concat(data.Select(d => $"data: {d}\n\n"));

    private static void AssertJsonEqual(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"Expected:\n{expected}\nActual:\n{actual}");

    private static (IChatClient Client, List<string> Bodies) Create(string responseBody, string mediaType = "application/json", string? defaultModel = "gpt-4o-mini")
    {
        var mock = new MockHttpMessageHandler();
        var bodies = new List<string>();
        mock.When(HttpMethod.Post, TestClients.BaseUrl + "chat/completions").CaptureBody(bodies.Add).Respond(mediaType, responseBody);
        return (TestClients.Create(mock).AsIChatClient(defaultModel), bodies);
    }

    [Fact]
    public async Task GetResponseAsync_ChatOptions_AreMappedToTheirApiFields()
    {
        var (client, bodies) = Create(Bodies.ChatCompletion);
        var weather = AIFunctionFactory.Create((string city) => "sunny", "get_weather", "Gets the weather");
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"a":{"type":"string"}}}""");

        await client.GetResponseAsync([new AIChatMessage(AIChatRole.User, "Hi")], new ChatOptions
        {
            ModelId = "gpt-4o",
            Instructions = "Be brief.",
            Temperature = 0.5f,
            TopP = 0.9f,
            MaxOutputTokens = 300,
            StopSequences = ["END"],
            FrequencyPenalty = 0.1f,
            PresencePenalty = 0.2f,
            Seed = 7,
            Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low },
            ResponseFormat = AIChatResponseFormat.ForJsonSchema(schema.RootElement, "answer", "The answer"),
            Tools = [weather],
            ToolMode = ChatToolMode.RequireSpecific("get_weather"),
            AllowMultipleToolCalls = false,
            AdditionalProperties = new AdditionalPropertiesDictionary { ["service_tier"] = "flex", ["top_k"] = 40 },
        });

        var body = JsonNode.Parse(Assert.Single(bodies))!;
        var tool = body["tools"]![0]!;
        AssertJsonEqual("""{"type": "function", "function": {"name": "get_weather", "description": "Gets the weather"}}""", new JsonObject { ["type"] = tool["type"]!.DeepClone(), ["function"] = new JsonObject { ["name"] = tool["function"]!["name"]!.DeepClone(), ["description"] = tool["function"]!["description"]!.DeepClone() } }.ToJsonString());
        Assert.Equal("string", (string?)tool["function"]!["parameters"]!["properties"]!["city"]!["type"]);
        body.AsObject().Remove("tools");
        AssertJsonEqual("""
            {
              "model": "gpt-4o",
              "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}],
              "temperature": 0.5, "top_p": 0.9, "max_completion_tokens": 300, "stop": ["END"],
              "frequency_penalty": 0.1, "presence_penalty": 0.2, "seed": 7, "reasoning_effort": "low",
              "response_format": {"type": "json_schema", "json_schema": {"name": "answer", "description": "The answer", "schema": {"type":"object","properties":{"a":{"type":"string"}}}}},
              "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
              "parallel_tool_calls": false,
              "service_tier": "flex", "top_k": 40
            }
            """, body.ToJsonString());
    }

    [Fact]
    public async Task GetResponseAsync_NoOptions_SendsTheDefaultModelAndPlainText()
    {
        var (client, bodies) = Create(Bodies.ChatCompletion);

        var response = await client.GetResponseAsync("Hello");

        AssertJsonEqual("""{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hello"}]}""", Assert.Single(bodies));
        Assert.Equal("Hello! How can I assist you today?", response.Text);
    }

    [Theory]
    [InlineData("text", """{"type": "text"}""")]
    [InlineData("json", """{"type": "json_object"}""")]
    public async Task GetResponseAsync_TextAndJsonFormats_AreMapped(string kind, string expected)
    {
        var (client, bodies) = Create(Bodies.ChatCompletion);

        await client.GetResponseAsync("x", new ChatOptions { ResponseFormat = kind == "text" ? AIChatResponseFormat.Text : AIChatResponseFormat.Json });

        AssertJsonEqual(expected, JsonNode.Parse(bodies[0])!["response_format"]!.ToJsonString());
    }

    [Theory]
    [InlineData("none", "\"none\"")]
    [InlineData("auto", "\"auto\"")]
    [InlineData("required", "\"required\"")]
    public async Task GetResponseAsync_ToolModes_AreMapped(string mode, string expected)
    {
        var (client, bodies) = Create(Bodies.ChatCompletion);
        ChatToolMode toolMode = mode switch { "none" => ChatToolMode.None, "auto" => ChatToolMode.Auto, _ => ChatToolMode.RequireAny };

        await client.GetResponseAsync("x", new ChatOptions { Tools = [AIFunctionFactory.Create(() => 1, "one")], ToolMode = toolMode });

        Assert.Equal(expected, JsonNode.Parse(bodies[0])!["tool_choice"]!.ToJsonString());
    }

    [Fact]
    public async Task GetResponseAsync_StrictKeyAndWebSearchTool_AreMappedNotSentAsFields()
    {
        var (client, bodies) = Create(Bodies.ChatCompletion);
        using var schema = JsonDocument.Parse("""{"type":"object"}""");
        var strictFunction = AIFunctionFactory.Create((int a) => a, new AIFunctionFactoryOptions { Name = "f", AdditionalProperties = new Dictionary<string, object?> { ["strict"] = true } });

        await client.GetResponseAsync("x", new ChatOptions
        {
            ResponseFormat = AIChatResponseFormat.ForJsonSchema(schema.RootElement, "s"),
            Tools = [new HostedWebSearchTool(), strictFunction],
            AdditionalProperties = new AdditionalPropertiesDictionary { ["strict"] = true },
        });

        var body = JsonNode.Parse(bodies[0])!.AsObject();
        Assert.True((bool)body["response_format"]!["json_schema"]!["strict"]!);
        Assert.True((bool)body["tools"]![0]!["function"]!["strict"]!);
        Assert.Equal("{}", body["web_search_options"]!.ToJsonString());
        Assert.False(body.ContainsKey("strict"));
        Assert.Single(body["tools"]!.AsArray());
    }

    [Fact]
    public async Task GetResponseAsync_NoTools_SendsNoToolChoice()
    {
        var (client, bodies) = Create(Bodies.ChatCompletion);

        await client.GetResponseAsync("x", new ChatOptions { ToolMode = ChatToolMode.RequireAny, AllowMultipleToolCalls = true });

        var body = JsonNode.Parse(bodies[0])!.AsObject();
        Assert.False(body.ContainsKey("tool_choice"));
        Assert.False(body.ContainsKey("parallel_tool_calls"));
    }

    [Fact]
    public async Task GetResponseAsync_RawRepresentationFactory_IsTheBaseAndWinsOverOptions()
    {
        var (client, bodies) = Create(Bodies.ChatCompletion);

        await client.GetResponseAsync("x", new ChatOptions
        {
            Temperature = 0.1f,
            TopP = 0.5f,
            RawRepresentationFactory = _ => new ChatCompletionRequest { Temperature = 1.5f, Store = true, Messages = [ChatGpt.Chat.ChatMessage.Developer("Prefix")] },
        });

        AssertJsonEqual("""
            {"model": "gpt-4o-mini", "messages": [{"role": "developer", "content": "Prefix"}, {"role": "user", "content": "x"}],
             "temperature": 1.5, "top_p": 0.5, "store": true}
            """, bodies[0]);
    }

    [Fact]
    public async Task GetResponseAsync_MessagesAndContents_AreMappedToTheWire()
    {
        var (client, bodies) = Create(Bodies.ChatCompletion);
        var image = new DataContent(new byte[] { 1, 2, 3 }, "image/png");
        image.AdditionalProperties = new AdditionalPropertiesDictionary { ["detail"] = "low" };
        AIChatMessage[] messages =
        [
            new(AIChatRole.System, "Sys"),
            new(new AIChatRole("developer"), "Dev"),
            new(AIChatRole.User, [new TextContent("Look: "), new UriContent(new Uri("https://example.com/cat.png"), "image/png"), image]) { AuthorName = "ann" },
            new(AIChatRole.User, [new DataContent(new byte[] { 9 }, "audio/mpeg"), new DataContent(new byte[] { 7 }, "application/pdf") { Name = "a.pdf" }, new HostedFileContent("file-1")]),
            new(AIChatRole.Assistant, [new TextContent("Checking."), new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris", ["days"] = 2 })]),
            new(AIChatRole.Tool, [new FunctionResultContent("call_1", "sunny"), new FunctionResultContent("call_2", new Dictionary<string, object?> { ["ok"] = true }), new FunctionResultContent("call_3", null) { Exception = new InvalidOperationException("boom") }]),
        ];

        await client.GetResponseAsync(messages);

        AssertJsonEqual("""
            {"model": "gpt-4o-mini", "messages": [
              {"role": "system", "content": "Sys"},
              {"role": "developer", "content": "Dev"},
              {"role": "user", "name": "ann", "content": [
                {"type": "text", "text": "Look: "},
                {"type": "image_url", "image_url": {"url": "https://example.com/cat.png"}},
                {"type": "image_url", "image_url": {"url": "data:image/png;base64,AQID", "detail": "low"}}]},
              {"role": "user", "content": [
                {"type": "input_audio", "input_audio": {"data": "CQ==", "format": "mp3"}},
                {"type": "file", "file": {"file_data": "data:application/pdf;base64,Bw==", "filename": "a.pdf"}},
                {"type": "file", "file": {"file_id": "file-1"}}]},
              {"role": "assistant", "content": "Checking.", "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\",\"days\":2}"}}]},
              {"role": "tool", "tool_call_id": "call_1", "content": "sunny"},
              {"role": "tool", "tool_call_id": "call_2", "content": "{\"ok\":true}"},
              {"role": "tool", "tool_call_id": "call_3", "content": "Error: boom"}
            ]}
            """, bodies[0]);
    }

    [Fact]
    public async Task GetResponseAsync_ToolCallAnswer_MapsCallsFinishReasonUsageAndIds()
    {
        var (client, _) = Create(Bodies.ToolCallCompletion);

        var response = await client.GetResponseAsync("Weather in Boston?");

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal(("call_abc123", "get_current_weather"), (call.CallId, call.Name));
        Assert.Equal("Boston, MA", call.Arguments!["location"]?.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal((82L, 17L, 99L), (response.Usage!.InputTokenCount, response.Usage.OutputTokenCount, response.Usage.TotalTokenCount));
        Assert.Equal("chatcmpl-tool", response.ResponseId);
        Assert.Equal("gpt-4o-mini", response.ModelId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1699896916), response.CreatedAt);
        Assert.Equal(AIChatRole.Assistant, response.Messages[0].Role);
        Assert.IsType<ChatCompletion>(response.RawRepresentation);
    }

    [Fact]
    public async Task GetResponseAsync_RefusalCitationsAndUsageDetails_AreMapped()
    {
        var (client, bodies) = Create("""
            {"id": "chatcmpl-x", "object": "chat.completion", "created": 1741570283, "model": "gpt-4o", "system_fingerprint": "fp_1",
             "choices": [{"index": 0, "finish_reason": "content_filter", "message": {"role": "assistant",
               "content": "See example.com.", "refusal": "Partly refused.",
               "annotations": [{"type": "url_citation", "url_citation": {"start_index": 4, "end_index": 15, "url": "https://example.com/", "title": "Example"}}]}}],
             "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15,
               "prompt_tokens_details": {"cached_tokens": 4, "image_tokens": 2},
               "completion_tokens_details": {"reasoning_tokens": 3, "accepted_prediction_tokens": 1}}}
            """);

        var response = await client.GetResponseAsync("x");

        Assert.Equal(ChatFinishReason.ContentFilter, response.FinishReason);
        var message = response.Messages[0];
        Assert.Equal("Partly refused.", message.AdditionalProperties!["refusal"]);
        Assert.Contains("Partly refused.", response.Text, StringComparison.Ordinal);
        var citation = Assert.IsType<CitationAnnotation>(Assert.Single(message.Contents[0].Annotations!));
        Assert.Equal((new Uri("https://example.com/"), "Example"), (citation.Url, citation.Title));
        var region = Assert.IsType<TextSpanAnnotatedRegion>(Assert.Single(citation.AnnotatedRegions!));
        Assert.Equal((4, 15), (region.StartIndex, region.EndIndex));
        Assert.Equal((4L, 3L), (response.Usage!.CachedInputTokenCount, response.Usage.ReasoningTokenCount));
        Assert.Equal(2L, response.Usage.AdditionalCounts!["prompt_tokens_details.image_tokens"]);
        Assert.Equal(1L, response.Usage.AdditionalCounts["completion_tokens_details.accepted_prediction_tokens"]);
        Assert.Equal("fp_1", response.AdditionalProperties!["system_fingerprint"]);

        // Sent back in the history, the refusal goes in its own field, not as content.
        await client.GetResponseAsync([.. response.Messages, new AIChatMessage(AIChatRole.User, "ok")]);
        var assistant = JsonNode.Parse(bodies[1])!["messages"]![0]!;
        Assert.Equal("Partly refused.", (string?)assistant["refusal"]);
        Assert.Equal("See example.com.", (string?)assistant["content"]);
    }

    [Fact]
    public async Task GetResponseAsync_AudioAnswer_BecomesDataContentThatRoundTripsById()
    {
        var (client, bodies) = Create("""
            {"id": "chatcmpl-a", "object": "chat.completion", "created": 1741570283, "model": "gpt-4o-audio-preview",
             "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": null,
               "audio": {"id": "audio_1", "expires_at": 1729018505, "data": "UklGRg==", "transcript": "Hi!"}}}]}
            """);

        var response = await client.GetResponseAsync("x", new ChatOptions { RawRepresentationFactory = _ => new ChatCompletionRequest { Modalities = ["text", "audio"], Audio = new ChatAudioOptions { Voice = "alloy", Format = "wav" } } });

        var audio = Assert.Single(response.Messages[0].Contents.OfType<DataContent>());
        Assert.Equal("audio/wav", audio.MediaType);
        Assert.Equal("RIFF"u8.ToArray(), audio.Data.ToArray());
        Assert.Equal("Hi!", response.Text);

        await client.GetResponseAsync([.. response.Messages, new AIChatMessage(AIChatRole.User, "again")]);
        AssertJsonEqual("""{"role": "assistant", "content": "Hi!", "audio": {"id": "audio_1"}}""", JsonNode.Parse(bodies[1])!["messages"]![0]!.ToJsonString());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Text_YieldsUpdatesWithIdsFinishReasonAndUsage()
    {
        var (client, bodies) = Create(Sse(
            """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""",
            """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}""",
            """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":null}]}""",
            """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""",
            """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11}}""",
            "[DONE]"), "text/event-stream");

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("Hi"))
        {
            updates.Add(update);
        }

        Assert.Equal(5, updates.Count);
        Assert.Equal("Hel", updates[1].Text);
        Assert.All(updates, u => Assert.Equal(("chatcmpl-1", "gpt-4o-mini"), (u.ResponseId, u.ModelId)));
        Assert.Equal(AIChatRole.Assistant, updates[2].Role);
        Assert.Equal(ChatFinishReason.Stop, updates[3].FinishReason);
        var response = updates.ToChatResponse();
        Assert.Equal("Hello", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(11L, response.Usage!.TotalTokenCount);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1694268190), response.CreatedAt);
        var body = JsonNode.Parse(bodies[0])!;
        Assert.True((bool)body["stream"]!);
        Assert.True((bool)body["stream_options"]!["include_usage"]!);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ToolCallFragments_AreJoinedByIndex()
    {
        var (client, _) = Create(ToolCallStream, "text/event-stream");

        var response = await client.GetStreamingResponseAsync("x").ToChatResponseAsync();

        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal(("call_1", "get_weather", "Paris"), (calls[0].CallId, calls[0].Name, calls[0].Arguments!["city"]?.ToString()));
        Assert.Equal(("call_2", "get_order", "A-17"), (calls[1].CallId, calls[1].Name, calls[1].Arguments!["orderId"]?.ToString()));
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal(70L, response.Usage!.TotalTokenCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ToolCallWithoutId_GetsAnIdFromItsIndex()
    {
        var (client, _) = Create(Sse(
            """{"id":"c","object":"chat.completion.chunk","created":1,"model":"llama3","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"type":"function","function":{"name":"f","arguments":"{}"}}]},"finish_reason":"tool_calls"}]}""",
            "[DONE]"), "text/event-stream");

        var response = await client.GetStreamingResponseAsync("x").ToChatResponseAsync();

        Assert.Equal("call_0", Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()).CallId);
    }

    [Fact]
    public async Task GetResponseAsync_InvalidToolArguments_SurfaceAsCallException()
    {
        var (client, _) = Create("""
            {"id": "c", "object": "chat.completion", "created": 1, "model": "m",
             "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {"role": "assistant", "content": null,
               "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{not json"}}]}}]}
            """);

        var response = await client.GetResponseAsync("x");

        var call = Assert.Single(response.Messages[0].Contents.OfType<FunctionCallContent>());
        Assert.NotNull(call.Exception);
    }

    [Fact]
    public void GetService_Metadata_ReportsProviderEndpointAndDefaultModel()
    {
        var mock = new MockHttpMessageHandler();
        var chatGpt = TestClients.Create(mock, o => o.DefaultModel = "gpt-4.1");
        using var client = chatGpt.AsIChatClient();
        using var withModel = chatGpt.AsIChatClient("gpt-4o");

        var metadata = client.GetService<ChatClientMetadata>()!;

        Assert.Equal(("openai", new Uri(TestClients.BaseUrl), "gpt-4.1"), (metadata.ProviderName, metadata.ProviderUri, metadata.DefaultModelId));
        Assert.Equal("gpt-4o", withModel.GetService<ChatClientMetadata>()!.DefaultModelId);
        Assert.Same(chatGpt, client.GetService<IChatGptClient>());
        Assert.Same(client, client.GetService<IChatClient>());
        Assert.Null(client.GetService<ChatClientMetadata>("key"));
        Assert.Null(client.GetService<string>());
    }

    [Fact]
    public async Task GetResponseAsync_ServerError_SurfacesAsChatGptException()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(System.Net.HttpStatusCode.BadRequest, "application/json", Bodies.InvalidRequestError);
        using var client = TestClients.Create(mock).AsIChatClient();

        var ex = await Assert.ThrowsAsync<ChatGptException>(() => client.GetResponseAsync("x"));

        Assert.Equal("invalid_value", ex.ErrorCode);
    }

    [Fact]
    public async Task GetResponseAsync_Cancelled_ThrowsOperationCanceled()
    {
        var (client, _) = Create(Bodies.ChatCompletion);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync("x", cancellationToken: cts.Token));
    }

    [Fact]
    public async Task AsIChatClient_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => ((IChatGptClient)null!).AsIChatClient());
        await Assert.ThrowsAsync<ArgumentNullException>(() => TestClients.Create(new MockHttpMessageHandler()).AsIChatClient().GetResponseAsync((IEnumerable<AIChatMessage>)null!));
    }
}
