using System.Text.Json;
using System.Text.Json.Nodes;
using ChatGpt.Chat;
using ChatGpt.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace ChatGpt.Tests.Chat;

public sealed class StructuredOutputTests
{
    private static string AnswerBody(string? content, string? refusal = null, string finishReason = "stop") => JsonSerializer.Serialize(new JsonObject
    {
        ["id"] = "chatcmpl-s",
        ["object"] = "chat.completion",
        ["created"] = 1741570283,
        ["model"] = "gpt-4o",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["finish_reason"] = finishReason,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content, ["refusal"] = refusal },
        }),
    });

    [Fact]
    public void ForJsonSchema_TypeInfo_BuildsAStrictSchemaWithEveryPropertyRequired()
    {
        var format = ChatResponseFormat.ForJsonSchema(StructuredJsonContext.Default.WeatherReport, description: "The weather");

        Assert.Equal("json_schema", format.Type);
        Assert.Equal("WeatherReport", format.JsonSchema!.Name);
        Assert.Equal("The weather", format.JsonSchema.Description);
        Assert.True(format.JsonSchema.Strict);
        var schema = JsonNode.Parse(format.JsonSchema.Schema!.Value.GetRawText())!;
        Assert.Equal("object", (string?)schema["type"]);
        Assert.False((bool)schema["additionalProperties"]!);
        Assert.Equal(["city", "temperature_c", "note", "days"], schema["required"]!.AsArray().Select(n => (string?)n));
        Assert.Contains("null", schema["properties"]!["note"]!["type"]!.AsArray().Select(n => (string?)n));
        var day = schema["properties"]!["days"]!["items"]!;
        Assert.False((bool)day["additionalProperties"]!);
        Assert.Equal(["day", "high"], day["required"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public async Task ForJsonSchema_TypeInfo_IsSentAsJsonSchemaResponseFormat()
    {
        var mock = new MockHttpMessageHandler();
        string? body = null;
        mock.When("*").CaptureBody(b => body = b).Respond("application/json", Bodies.ChatCompletion);

        await TestClients.Create(mock).CreateChatCompletionAsync(new ChatCompletionRequest
        {
            Model = "gpt-4o",
            Messages = [ChatMessage.User("Weather in Paris?")],
            ResponseFormat = ChatResponseFormat.ForJsonSchema(StructuredJsonContext.Default.WeatherReport, name: "weather"),
        });

        var format = JsonNode.Parse(body!)!["response_format"]!;
        Assert.Equal("json_schema", (string?)format["type"]);
        Assert.Equal("weather", (string?)format["json_schema"]!["name"]);
        Assert.True((bool)format["json_schema"]!["strict"]!);
        Assert.Equal("object", (string?)format["json_schema"]!["schema"]!["type"]);
    }

    [Fact]
    public async Task GetContent_TypeInfo_RoundTripsTheAnswer()
    {
        var expected = new WeatherReport("Paris", 21.5, null, [new DayForecast("Mon", 23), new DayForecast("Tue", 19)]);
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", AnswerBody(JsonSerializer.Serialize(expected, StructuredJsonContext.Default.WeatherReport)));

        var completion = await TestClients.Create(mock).CreateChatCompletionAsync(new ChatCompletionRequest
        {
            Model = "gpt-4o",
            Messages = [ChatMessage.User("Weather in Paris?")],
            ResponseFormat = ChatResponseFormat.ForJsonSchema(StructuredJsonContext.Default.WeatherReport),
        });
        var report = completion.GetContent(StructuredJsonContext.Default.WeatherReport);

        Assert.Equal(expected.City, report.City);
        Assert.Equal(expected.TemperatureC, report.TemperatureC);
        Assert.Null(report.Note);
        Assert.Equal(expected.Days, report.Days);
    }

    [Fact]
    public async Task GetContent_Refusal_ThrowsRefusalExceptionWithTheText()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", AnswerBody(null, "I can't help with that."));
        var completion = await TestClients.Create(mock).CreateChatCompletionAsync(new ChatCompletionRequest { Model = "m", Messages = [ChatMessage.User("x")] });

        var ex = Assert.Throws<ChatGptRefusalException>(() => completion.GetContent(StructuredJsonContext.Default.WeatherReport));

        Assert.Equal("I can't help with that.", ex.Refusal);
        Assert.IsAssignableFrom<ChatGptException>(ex);
    }

    [Fact]
    public async Task GetContent_TruncatedAnswer_ThrowsChatGptExceptionNamingTheTokenLimit()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", AnswerBody("""{"city": "Par""", finishReason: "length"));
        var completion = await TestClients.Create(mock).CreateChatCompletionAsync(new ChatCompletionRequest { Model = "m", Messages = [ChatMessage.User("x")] });

        var ex = Assert.Throws<ChatGptException>(() => completion.GetContent(StructuredJsonContext.Default.WeatherReport));

        Assert.Contains("token limit", ex.Message, StringComparison.Ordinal);
        Assert.IsType<JsonException>(ex.InnerException, exactMatch: false);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    public async Task GetContent_NoContentOrJsonNull_ThrowsChatGptException(string? content)
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", AnswerBody(content));
        var completion = await TestClients.Create(mock).CreateChatCompletionAsync(new ChatCompletionRequest { Model = "m", Messages = [ChatMessage.User("x")] });

        Assert.Throws<ChatGptException>(() => completion.GetContent(StructuredJsonContext.Default.WeatherReport));
    }

    [Fact]
    public void ForJsonSchema_StrictWithArrayRoot_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => ChatResponseFormat.ForJsonSchema(StructuredJsonContext.Default.ListString));

        Assert.Contains("object at the root", ex.Message, StringComparison.Ordinal);
        Assert.Equal("array", (string?)JsonNode.Parse(ChatResponseFormat.ForJsonSchema(StructuredJsonContext.Default.ListString, strict: false).JsonSchema!.Schema!.Value.GetRawText())!["type"]);
    }

    [Fact]
    public void ForJsonSchema_ReflectionOverload_UsesWebNamesAndTheTypeName()
    {
        var format = ChatResponseFormat.ForJsonSchema<DayForecast>();

        Assert.Equal("DayForecast", format.JsonSchema!.Name);
        var schema = JsonNode.Parse(format.JsonSchema.Schema!.Value.GetRawText())!;
        Assert.Equal(["day", "high"], schema["required"]!.AsArray().Select(n => (string?)n));
        var completion = new ChatCompletion { Choices = [new ChatChoice { Message = ChatMessage.Assistant("""{"day":"Wed","high":7}""") }] };
        Assert.Equal(new DayForecast("Wed", 7), completion.GetContent<DayForecast>());
    }

    [Fact]
    public async Task CreateFunction_TypeInfo_SendsAStrictParametersSchema()
    {
        var mock = new MockHttpMessageHandler();
        string? body = null;
        mock.When("*").CaptureBody(b => body = b).Respond("application/json", Bodies.ChatCompletion);

        await TestClients.Create(mock).CreateChatCompletionAsync(new ChatCompletionRequest
        {
            Model = "m",
            Messages = [ChatMessage.User("x")],
            Tools = [ChatTool.CreateFunction("forecast", "Gets a forecast", StructuredJsonContext.Default.DayForecast)],
        });

        var function = JsonNode.Parse(body!)!["tools"]![0]!["function"]!;
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"name":"forecast","description":"Gets a forecast","strict":true,"parameters":{"type":"object","properties":{"day":{"type":"string"},"high":{"type":"integer"}},"additionalProperties":false,"required":["day","high"]}}"""),
            function), function.ToJsonString());
    }

    [Fact]
    public void GetArguments_TypeInfo_ReadsTheModelsArguments()
    {
        var call = ChatToolCall.CreateFunctionCall("call_1", "forecast", """{"day":"Fri","high":12}""");

        Assert.Equal(new DayForecast("Fri", 12), call.Function!.GetArguments(StructuredJsonContext.Default.DayForecast));
    }

    [Theory]
    [InlineData("{\"day\":")]
    [InlineData("null")]
    [InlineData("{\"day\": 5}")]
    public void GetArguments_InvalidArguments_ThrowsChatGptExceptionNamingTheFunction(string arguments)
    {
        var call = ChatToolCall.CreateFunctionCall("call_1", "forecast", arguments);

        var ex = Assert.Throws<ChatGptException>(() => call.Function!.GetArguments(StructuredJsonContext.Default.DayForecast));

        Assert.Contains("forecast", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateFunction_NonObjectArguments_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => ChatTool.CreateFunction("f", null, StructuredJsonContext.Default.ListString, strict: false));
    }
}
