using System.Text.Json;
using System.Text.Json.Nodes;
using ChatGpt.Chat;
using ChatGpt.Tests.TestSupport;
using static ChatGpt.Tests.TestSupport.WireCapture;
using RichardSzalay.MockHttp;

namespace ChatGpt.Tests.Chat;

public sealed class ChatCompletionRequestWireTests
{
    [Fact]
    public async Task CreateChatCompletionAsync_EveryParameter_IsSentWithItsApiName()
    {
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}""");
        var request = new ChatCompletionRequest
        {
            Model = "gpt-4o",
            Messages =
            [
                ChatMessage.System("You are terse."),
                ChatMessage.Developer("Answer in French."),
                ChatMessage.User("Hi", name: "ann"),
                ChatMessage.Assistant([ChatToolCall.CreateFunctionCall("call_1", "get_weather", """{"city":"Paris"}""")]),
                ChatMessage.Tool("call_1", """{"temp":21}"""),
                ChatMessage.User(ChatContentPart.FromText("What is this?"), ChatContentPart.FromImage(new Uri("https://example.com/cat.png"), "low"), ChatContentPart.FromImage([1, 2, 3], "image/png")),
            ],
            MaxTokens = 100,
            MaxCompletionTokens = 200,
            Temperature = 0.7f,
            TopP = 0.9f,
            N = 2,
            Stop = ["\n\n", "END"],
            PresencePenalty = 0.5f,
            FrequencyPenalty = -0.5f,
            LogitBias = new Dictionary<int, int> { [50256] = -100 },
            Seed = 42,
            User = "user-1",
            Logprobs = true,
            TopLogprobs = 3,
            ResponseFormat = ChatResponseFormat.ForJsonSchema("city", schema.RootElement, strict: true, description: "A city"),
            Tools = [ChatTool.CreateFunction("get_weather", "Gets the weather", """{"type":"object","properties":{"city":{"type":"string"}}}""", strict: false)],
            ToolChoice = ChatToolChoice.ForFunction("get_weather"),
            ParallelToolCalls = false,
            Store = true,
            Metadata = new Dictionary<string, string> { ["app"] = "tests" },
            ServiceTier = "flex",
            Modalities = ["text", "audio"],
            Audio = new ChatAudioOptions { Voice = "alloy", Format = "wav" },
            ReasoningEffort = "low",
            Verbosity = "medium",
            Prediction = ChatPrediction.FromText("draft"),
            WebSearchOptions = new ChatWebSearchOptions { SearchContextSize = "low", UserLocation = new ChatWebSearchUserLocation { Approximate = new ChatWebSearchApproximateLocation { Country = "FR", City = "Paris" } } },
            SafetyIdentifier = "hash-1",
            PromptCacheKey = "cache-1",
            PromptCacheRetention = "24h",
            AdditionalProperties = new Dictionary<string, JsonElement> { ["vendor_extension"] = JsonDocument.Parse("""{"top_k":40}""").RootElement },
        };

        var body = await SendAndCapture(request);

        AssertJsonEqual("""
            {
              "model": "gpt-4o",
              "messages": [
                {"role": "system", "content": "You are terse."},
                {"role": "developer", "content": "Answer in French."},
                {"role": "user", "content": "Hi", "name": "ann"},
                {"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}}]},
                {"role": "tool", "content": "{\"temp\":21}", "tool_call_id": "call_1"},
                {"role": "user", "content": [
                  {"type": "text", "text": "What is this?"},
                  {"type": "image_url", "image_url": {"url": "https://example.com/cat.png", "detail": "low"}},
                  {"type": "image_url", "image_url": {"url": "data:image/png;base64,AQID"}}
                ]}
              ],
              "max_tokens": 100,
              "max_completion_tokens": 200,
              "temperature": 0.7,
              "top_p": 0.9,
              "n": 2,
              "stop": ["\n\n", "END"],
              "presence_penalty": 0.5,
              "frequency_penalty": -0.5,
              "logit_bias": {"50256": -100},
              "seed": 42,
              "user": "user-1",
              "logprobs": true,
              "top_logprobs": 3,
              "response_format": {"type": "json_schema", "json_schema": {"name": "city", "description": "A city", "schema": {"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}, "strict": true}},
              "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Gets the weather", "parameters": {"type":"object","properties":{"city":{"type":"string"}}}, "strict": false}}],
              "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
              "parallel_tool_calls": false,
              "store": true,
              "metadata": {"app": "tests"},
              "service_tier": "flex",
              "modalities": ["text", "audio"],
              "audio": {"voice": "alloy", "format": "wav"},
              "reasoning_effort": "low",
              "verbosity": "medium",
              "prediction": {"type": "content", "content": "draft"},
              "web_search_options": {"search_context_size": "low", "user_location": {"type": "approximate", "approximate": {"country": "FR", "city": "Paris"}}},
              "safety_identifier": "hash-1",
              "prompt_cache_key": "cache-1",
              "prompt_cache_retention": "24h",
              "vendor_extension": {"top_k": 40}
            }
            """, body);
    }

    [Theory]
    [InlineData("none", "\"none\"")]
    [InlineData("auto", "\"auto\"")]
    [InlineData("required", "\"required\"")]
    [InlineData("custom", """{"type":"custom","custom":{"name":"grep"}}""")]
    [InlineData("allowed", """{"type":"allowed_tools","allowed_tools":{"mode":"required","tools":[{"type":"function","function":{"name":"a"}},{"type":"function","function":{"name":"b"}}]}}""")]
    public async Task CreateChatCompletionAsync_ToolChoice_IsSentInItsWireShape(string kind, string expected)
    {
        var choice = kind switch
        {
            "none" => ChatToolChoice.None,
            "auto" => ChatToolChoice.Auto,
            "required" => ChatToolChoice.Required,
            "custom" => ChatToolChoice.ForCustomTool("grep"),
            _ => ChatToolChoice.ForAllowedFunctions(["a", "b"], required: true),
        };

        var body = await SendAndCapture(new ChatCompletionRequest { Model = "m", Messages = [ChatMessage.User("x")], ToolChoice = choice });

        AssertJsonEqual(expected, JsonNode.Parse(body)!["tool_choice"]!.ToJsonString());
    }

    [Fact]
    public async Task CreateChatCompletionAsync_ResponseFormats_AreSentInTheirWireShape()
    {
        var text = await SendAndCapture(new ChatCompletionRequest { Model = "m", Messages = [ChatMessage.User("x")], ResponseFormat = ChatResponseFormat.Text });
        var json = await SendAndCapture(new ChatCompletionRequest { Model = "m", Messages = [ChatMessage.User("x")], ResponseFormat = ChatResponseFormat.JsonObject });

        AssertJsonEqual("""{"type":"text"}""", JsonNode.Parse(text)!["response_format"]!.ToJsonString());
        AssertJsonEqual("""{"type":"json_object"}""", JsonNode.Parse(json)!["response_format"]!.ToJsonString());
    }

    [Fact]
    public async Task CreateChatCompletionAsync_ContentParts_AudioAndFile_AreSentInTheirWireShape()
    {
        var body = await SendAndCapture(new ChatCompletionRequest
        {
            Model = "m",
            Messages = [ChatMessage.User(ChatContentPart.FromAudio([1, 2], "wav"), ChatContentPart.FromFileId("file-1"), ChatContentPart.FromFile([3], "a.pdf"))],
        });

        AssertJsonEqual(
            """[{"type":"input_audio","input_audio":{"data":"AQI=","format":"wav"}},{"type":"file","file":{"file_id":"file-1"}},{"type":"file","file":{"file_data":"Aw==","filename":"a.pdf"}}]""",
            JsonNode.Parse(body)!["messages"]![0]!["content"]!.ToJsonString());
    }

    [Fact]
    public async Task CreateChatCompletionAsync_AnswerAppendedToHistory_RoundTrips()
    {
        var mock = new MockHttpMessageHandler();
        var bodies = new List<string>();
        mock.When("*").CaptureBody(bodies.Add).Respond("application/json", Bodies.ToolCallCompletion);
        var client = TestClients.Create(mock);
        var history = new List<ChatMessage> { ChatMessage.User("Weather in Boston?") };

        var first = await client.CreateChatCompletionAsync(new ChatCompletionRequest { Messages = history });
        history.Add(first.Choices[0].Message);
        history.Add(ChatMessage.Tool(first.ToolCalls[0].Id, "sunny"));
        await client.CreateChatCompletionAsync(new ChatCompletionRequest { Messages = history });

        var messages = JsonNode.Parse(bodies[1])!["messages"]!.AsArray();
        Assert.Equal(3, messages.Count);
        Assert.Equal("assistant", messages[1]!["role"]!.GetValue<string>());
        Assert.Equal("call_abc123", messages[1]!["tool_calls"]![0]!["id"]!.GetValue<string>());
        Assert.Null(messages[1]!["content"]);
        Assert.Equal("call_abc123", messages[2]!["tool_call_id"]!.GetValue<string>());
    }
}
