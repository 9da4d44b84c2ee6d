using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json;
using ChatGpt.Testing.Tests.StructuredOutputs;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Models;

namespace ChatGpt.Testing.Tests.OfficialSdk;

/// <summary>
/// The official OpenAI .NET SDK (package <c>OpenAI</c>) against <see cref="ChatGptEmulatorServer"/> over a loopback
/// socket: chat, streaming, tools (a round trip with the tool's result), strict structured outputs with <c>$ref</c>
/// schemas (answers and tool arguments validated), log probabilities, models and errors; every field the SDK exposes
/// is read back with the value the emulator sent.
/// </summary>
public sealed class OpenAiDotnetSdkTests : IAsyncLifetime
{
    private readonly ChatGptEmulator _emulator = new() { ApiKey = "sk-emulator-test-key" };
    private ChatGptEmulatorServer? _server;
    private OpenAIClient? _client;

    private OpenAIClient Client => _client!;

    public async Task InitializeAsync()
    {
        _server = await ChatGptEmulatorServer.StartNewAsync(_emulator);
        var options = new OpenAIClientOptions { Endpoint = _server.BaseAddress, RetryPolicy = new ClientRetryPolicy(maxRetries: 0) };
        _client = new OpenAIClient(new ApiKeyCredential("sk-emulator-test-key"), options);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Chat_EveryFieldParses()
    {
        var chat = Client.GetChatClient("gpt-4o-mini");

        ClientResult<ChatCompletion> result = await chat.CompleteChatAsync([new SystemChatMessage("Be brief."), new UserChatMessage("What is the capital of France?")]);
        var completion = result.Value;

        Assert.StartsWith("chatcmpl-", completion.Id);
        Assert.Equal("gpt-4o-mini", completion.Model);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.Equal("The capital of France is Paris.", Assert.Single(completion.Content).Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Null(completion.Refusal);
        Assert.Empty(completion.ToolCalls);
        Assert.Equal("fp_emulator", completion.SystemFingerprint);
        Assert.True(completion.CreatedAt > DateTimeOffset.UnixEpoch);
        Assert.Equal(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);
        Assert.Equal(7, completion.Usage.OutputTokenCount); // o200k_base: "The capital of France is Paris."
        Assert.Equal(0, completion.Usage.OutputTokenDetails.ReasoningTokenCount);
        Assert.Equal(0, completion.Usage.InputTokenDetails.CachedTokenCount);
        Assert.StartsWith("req_", result.GetRawResponse().Headers.TryGetValue("x-request-id", out var id) ? id : null);
        Assert.Equal("[redacted]", _emulator.Requests[^1].Headers["Authorization"]);
    }

    [Fact]
    public async Task ChatStreaming_DeltasUsageAndFinishParse()
    {
        var chat = Client.GetChatClient("gpt-4o-mini");
        var options = new ChatCompletionOptions();

        var text = new StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        var updates = 0;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Count to 5")], options))
        {
            updates++;
            Assert.StartsWith("chatcmpl-", update.CompletionId);
            Assert.Equal("gpt-4o-mini", update.Model);
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }

        Assert.Equal("1, 2, 3, 4, 5.", text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.True(updates > 5);
        Assert.NotNull(usage); // The SDK asks for include_usage itself.
        Assert.Equal(usage!.InputTokenCount + usage.OutputTokenCount, usage.TotalTokenCount);
    }

    [Fact]
    public async Task Tools_CallThenAnswerWithTheResult()
    {
        var chat = Client.GetChatClient("gpt-4o-mini");
        var weather = ChatTool.CreateFunctionTool(
            "get_weather",
            "Current weather in a city",
            BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":["string","null"],"enum":["celsius","fahrenheit"]}},"required":["city","unit"],"additionalProperties":false}"""),
            functionSchemaIsStrict: true);
        var options = new ChatCompletionOptions { Tools = { weather } };
        List<ChatMessage> messages = [new UserChatMessage("What's the weather in Paris?")];

        ChatCompletion first = await chat.CompleteChatAsync(messages, options);
        var call = Assert.Single(first.ToolCalls);
        messages.Add(new AssistantChatMessage(first));
        messages.Add(new ToolChatMessage(call.Id, """{"temperature":21}"""));
        ChatCompletion second = await chat.CompleteChatAsync(messages, options);

        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        Assert.Equal(ChatToolCallKind.Function, call.Kind);
        Assert.StartsWith("call_", call.Id);
        Assert.Equal("get_weather", call.FunctionName);
        using var arguments = JsonDocument.Parse(call.FunctionArguments);
        Assert.Equal("Paris", arguments.RootElement.GetProperty("city").GetString());
        Assert.Equal("celsius", arguments.RootElement.GetProperty("unit").GetString());
        Assert.Equal(ChatFinishReason.Stop, second.FinishReason);
        Assert.Equal("According to get_weather: {\"temperature\":21}.", second.Content[0].Text);
    }

    [Fact]
    public async Task ToolsStreaming_ArgumentsArriveInPiecesThatValidate()
    {
        var chat = Client.GetChatClient("gpt-4o-mini");
        var schema = SchemaCorpus.Schemas["pydantic: nested $defs referencing each other"];
        var options = new ChatCompletionOptions { Tools = { ChatTool.CreateFunctionTool("save_directory", "Saves people", BinaryData.FromString(schema), functionSchemaIsStrict: true) }, ToolChoice = ChatToolChoice.CreateRequiredChoice() };

        string? name = null, id = null;
        var arguments = new StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Save Ann from 12 Main Street")], options))
        {
            foreach (var call in update.ToolCallUpdates)
            {
                id ??= call.ToolCallId;
                name ??= call.FunctionName;
                if (call.FunctionArgumentsUpdate is { } piece && !piece.ToMemory().IsEmpty)
                {
                    arguments.Append(piece.ToString());
                }
            }

            finish ??= update.FinishReason;
        }

        Assert.Equal("save_directory", name);
        Assert.StartsWith("call_", id);
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        SchemaValidator.AssertValid(schema, arguments.ToString(), "streamed strict tool arguments");
    }

    [Theory]
    [InlineData("guide: linked list (explicit recursion)")]
    [InlineData("guide: UI generation (recursive #)")]
    [InlineData("pydantic: nested $defs referencing each other")]
    [InlineData("draft-07 definitions")]
    [InlineData("rating: integer 1..5")]
    public async Task StructuredOutputs_StrictRefSchema_AnswerValidates(string schemaName)
    {
        var chat = Client.GetChatClient("gpt-4o-mini");
        var schema = SchemaCorpus.Schemas[schemaName];
        var options = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("answer", BinaryData.FromString(schema), jsonSchemaIsStrict: true),
        };

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("Rate the film 1990 out of 5")], options);

        SchemaValidator.AssertValid(schema, completion.Content[0].Text, schemaName);
        var sent = _emulator.Requests[^1].Body!["response_format"]!;
        Assert.Equal("json_schema", sent["type"]!.GetValue<string>());
        Assert.True(sent["json_schema"]!["strict"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Logprobs_EntriesPerTokenWithBytes()
    {
        var chat = Client.GetChatClient("gpt-4o-mini");
        var options = new ChatCompletionOptions { IncludeLogProbabilities = true, TopLogProbabilityCount = 2 };

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("echo: Hi 🦜 漢字")], options);

        var entries = completion.ContentTokenLogProbabilities;
        Assert.Equal(completion.Usage.OutputTokenCount, entries.Count);
        Assert.Equal(Encoding.UTF8.GetBytes("Hi 🦜 漢字"), entries.SelectMany(e => e.Utf8Bytes is { } bytes ? bytes.ToArray() : []).ToArray());
        Assert.All(entries, e => Assert.Equal(2, e.TopLogProbabilities.Count));
        Assert.All(entries, e => Assert.InRange(e.LogProbability, -2f, 0f));
    }

    [Fact]
    public async Task Models_ListAndRetrieve()
    {
        var models = Client.GetOpenAIModelClient();

        OpenAIModelCollection list = await models.GetModelsAsync();
        OpenAIModel one = await models.GetModelAsync("gpt-4o");

        Assert.Equal(ChatGptEmulator.DefaultModels, list.Select(m => m.Id));
        Assert.All(list, m => Assert.Equal("system", m.OwnedBy));
        Assert.Equal("gpt-4o", one.Id);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), one.CreatedAt);
    }

    [Fact]
    public async Task Errors_SurfaceWithStatusAndMessage()
    {
        var chat = Client.GetChatClient("gpt-4o-mini");
        _emulator.Enqueue(EmulatorResponse.RateLimited(TimeSpan.FromSeconds(2)));

        var limited = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("Hi")]));
        var badKey = new OpenAIClient(new ApiKeyCredential("sk-wrong-key-0000"), new OpenAIClientOptions { Endpoint = _server!.BaseAddress, RetryPolicy = new ClientRetryPolicy(0) });
        var unauthorized = await Assert.ThrowsAsync<ClientResultException>(() => badKey.GetChatClient("gpt-4o-mini").CompleteChatAsync([new UserChatMessage("Hi")]));

        Assert.Equal(429, limited.Status);
        Assert.Contains("Rate limit reached", limited.Message);
        Assert.Equal(401, unauthorized.Status);
        Assert.Contains("Incorrect API key provided", unauthorized.Message);
        Assert.DoesNotContain("sk-wrong-key-0000", unauthorized.Message);
    }
}
