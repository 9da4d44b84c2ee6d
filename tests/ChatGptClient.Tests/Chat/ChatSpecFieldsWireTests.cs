using System.Text.Json;
using System.Text.Json.Nodes;
using ChatGpt.Chat;
using ChatGpt.Completions;
using ChatGpt.Serialization;
using ChatGpt.Tests.TestSupport;
using static ChatGpt.Tests.TestSupport.WireCapture;
using RichardSzalay.MockHttp;

namespace ChatGpt.Tests.Chat;

/// <summary>Exact wire JSON of the request fields added to cover the whole spec.</summary>
public sealed class ChatSpecFieldsWireTests
{
    [Fact]
    public async Task CreateChatCompletionAsync_PromptCacheOptionsAndBreakpoint_AreSentWithTheirApiNames()
    {
        var request = new ChatCompletionRequest
        {
            Model = "gpt-5.6",
            Messages =
            [
                ChatMessage.User(
                    new ChatContentPart { Type = "text", Text = "A long shared prefix", PromptCacheBreakpoint = ChatPromptCacheBreakpoint.Explicit },
                    ChatContentPart.FromText("The question")),
            ],
            PromptCacheOptions = new ChatPromptCacheOptions { Ttl = "30m", Mode = "explicit" },
        };

        AssertJsonEqual("""
            {
              "model": "gpt-5.6",
              "messages": [{"role": "user", "content": [
                {"type": "text", "text": "A long shared prefix", "prompt_cache_breakpoint": {"mode": "explicit"}},
                {"type": "text", "text": "The question"}
              ]}],
              "prompt_cache_options": {"ttl": "30m", "mode": "explicit"}
            }
            """, await SendAndCapture(request));
    }

    [Fact]
    public async Task CreateChatCompletionAsync_Moderation_IsSentWithModelAndPolicy()
    {
        var request = new ChatCompletionRequest
        {
            Model = "m",
            Messages = [ChatMessage.User("x")],
            Moderation = new ChatModerationOptions
            {
                Model = "omni-moderation-latest",
                Policy = new ChatModerationPolicy { Input = new ChatModerationConfig { Mode = "block" }, Output = new ChatModerationConfig { Mode = "score" } },
            },
        };

        AssertJsonEqual("""
            {"model": "m", "messages": [{"role": "user", "content": "x"}],
             "moderation": {"model": "omni-moderation-latest", "policy": {"input": {"mode": "block"}, "output": {"mode": "score"}}}}
            """, await SendAndCapture(request));
    }

    [Fact]
    public async Task CreateChatCompletionAsync_LegacyFunctionsAndNamedFunctionCall_AreSent()
    {
        using var parameters = JsonDocument.Parse("""{"type":"object","properties":{"id":{"type":"string"}}}""");
        var request = new ChatCompletionRequest
        {
            Model = "m",
            Messages = [ChatMessage.User("x"), new ChatMessage { Role = ChatRole.Function, Name = "lookup", Content = "{\"ok\":true}" }],
            Functions = [new ChatFunctionDefinition { Name = "lookup", Description = "Looks up", Parameters = parameters.RootElement.Clone() }],
            FunctionCall = ChatFunctionChoice.ForFunction("lookup"),
        };

        AssertJsonEqual("""
            {"model": "m",
             "messages": [{"role": "user", "content": "x"}, {"role": "function", "name": "lookup", "content": "{\"ok\":true}"}],
             "functions": [{"name": "lookup", "description": "Looks up", "parameters": {"type":"object","properties":{"id":{"type":"string"}}}}],
             "function_call": {"name": "lookup"}}
            """, await SendAndCapture(request));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("auto")]
    public async Task CreateChatCompletionAsync_FunctionCallMode_IsSentAsAString(string mode)
    {
        var request = new ChatCompletionRequest
        {
            Model = "m",
            Messages = [ChatMessage.User("x")],
            FunctionCall = mode == "none" ? ChatFunctionChoice.None : ChatFunctionChoice.Auto,
        };

        AssertJsonEqual($$"""{"model": "m", "messages": [{"role": "user", "content": "x"}], "function_call": "{{mode}}"}""", await SendAndCapture(request));
    }

    [Fact]
    public async Task CreateChatCompletionAsync_CustomToolsWithFormats_AreSent()
    {
        var request = new ChatCompletionRequest
        {
            Model = "m",
            Messages = [ChatMessage.User("x")],
            Tools =
            [
                ChatTool.CreateCustom("sql", "Runs SQL", ChatCustomToolFormat.ForGrammar("start: \"SELECT\"", "lark")),
                ChatTool.CreateCustom("notes", format: ChatCustomToolFormat.Text),
                ChatTool.CreateCustom("free"),
            ],
            ToolChoice = ChatToolChoice.ForCustomTool("sql"),
        };

        AssertJsonEqual("""
            {"model": "m", "messages": [{"role": "user", "content": "x"}],
             "tools": [
               {"type": "custom", "custom": {"name": "sql", "description": "Runs SQL", "format": {"type": "grammar", "grammar": {"definition": "start: \"SELECT\"", "syntax": "lark"}}}},
               {"type": "custom", "custom": {"name": "notes", "format": {"type": "text"}}},
               {"type": "custom", "custom": {"name": "free"}}
             ],
             "tool_choice": {"type": "custom", "custom": {"name": "sql"}}}
            """, await SendAndCapture(request));
    }

    [Fact]
    public async Task CreateChatCompletionAsync_CustomVoice_IsSentAsAnObjectWithItsId()
    {
        var custom = await SendAndCapture(new ChatCompletionRequest
        {
            Model = "m",
            Messages = [ChatMessage.User("x")],
            Modalities = ["text", "audio"],
            Audio = new ChatAudioOptions { CustomVoiceId = "voice_1234", Format = "mp3" },
        });
        var builtIn = await SendAndCapture(new ChatCompletionRequest
        {
            Model = "m",
            Messages = [ChatMessage.User("x")],
            Audio = new ChatAudioOptions { Voice = "marin", Format = "pcm16" },
        });

        AssertJsonEqual("""{"model": "m", "messages": [{"role": "user", "content": "x"}], "modalities": ["text", "audio"], "audio": {"voice": {"id": "voice_1234"}, "format": "mp3"}}""", custom);
        AssertJsonEqual("""{"model": "m", "messages": [{"role": "user", "content": "x"}], "audio": {"voice": "marin", "format": "pcm16"}}""", builtIn);
    }

    [Fact]
    public async Task CreateChatCompletionAsync_AssistantTurnWithCustomToolCallAndAudio_IsSentBack()
    {
        var request = new ChatCompletionRequest
        {
            Model = "m",
            Messages =
            [
                ChatMessage.User("x"),
                new ChatMessage
                {
                    Role = ChatRole.Assistant,
                    Audio = new ChatMessageAudio { Id = "audio_abc" },
                    ToolCalls = [new ChatToolCall { Id = "call_9", Type = "custom", Custom = new ChatCustomToolCall { Name = "sql", Input = "SELECT 1" } }],
                },
                ChatMessage.Tool("call_9", "1"),
            ],
        };

        AssertJsonEqual("""
            {"model": "m", "messages": [
              {"role": "user", "content": "x"},
              {"role": "assistant", "tool_calls": [{"id": "call_9", "type": "custom", "custom": {"name": "sql", "input": "SELECT 1"}}], "audio": {"id": "audio_abc"}},
              {"role": "tool", "tool_call_id": "call_9", "content": "1"}
            ]}
            """, await SendAndCapture(request));
    }

    [Fact]
    public async Task CreateCompletionAsync_TokenPrompts_AreSentAsIntegerArrays()
    {
        var single = await SendAndCapture(new CompletionRequest { Model = "davinci-002", PromptTokens = [1212, 318, 257] });
        var batch = await SendAndCapture(new CompletionRequest { Model = "davinci-002", PromptTokenBatches = [[1212, 318], [257]] });

        AssertJsonEqual("""{"model": "davinci-002", "prompt": [1212, 318, 257]}""", single);
        AssertJsonEqual("""{"model": "davinci-002", "prompt": [[1212, 318], [257]]}""", batch);
    }

    [Theory]
    [InlineData("""{"prompt": "one"}""", "one", null, null, null)]
    [InlineData("""{"prompt": ["a", "b"]}""", null, 2, null, null)]
    [InlineData("""{"prompt": [1, 2, 3]}""", null, null, 3, null)]
    [InlineData("""{"prompt": [[1], [2, 3]]}""", null, null, null, 2)]
    public void CompletionRequest_EveryPromptShape_RoundTrips(string json, string? text, int? texts, int? tokens, int? batches)
    {
        var request = JsonSerializer.Deserialize(json, ChatGptJsonContext.Default.CompletionRequest)!;

        Assert.Equal(text, request.Prompt);
        Assert.Equal(texts, request.Prompts?.Count);
        Assert.Equal(tokens, request.PromptTokens?.Count);
        Assert.Equal(batches, request.PromptTokenBatches?.Count);
        AssertJsonEqual(json, JsonSerializer.Serialize(request, ChatGptJsonContext.Default.CompletionRequest));
    }

    [Fact]
    public void ChatCompletionRequest_NewPolymorphicFields_RoundTripThroughJson()
    {
        const string Json = """
            {"messages": [{"role": "user", "content": "x"}],
             "function_call": {"name": "lookup"},
             "audio": {"voice": {"id": "voice_1"}, "format": "wav"},
             "tools": [{"type": "custom", "custom": {"name": "sql", "format": {"type": "grammar", "grammar": {"definition": "d", "syntax": "regex"}}}}]}
            """;

        var request = JsonSerializer.Deserialize(Json, ChatGptJsonContext.Default.ChatCompletionRequest)!;

        Assert.Equal("lookup", request.FunctionCall!.FunctionName);
        Assert.Equal("voice_1", request.Audio!.CustomVoiceId);
        Assert.Null(request.Audio.Voice);
        Assert.Equal("regex", request.Tools![0].Custom!.Format!.Grammar!.Syntax);
        AssertJsonEqual(Json, JsonSerializer.Serialize(request, ChatGptJsonContext.Default.ChatCompletionRequest));
        Assert.Same(ChatFunctionChoice.Auto, JsonSerializer.Deserialize("""{"function_call":"auto"}""", ChatGptJsonContext.Default.ChatCompletionRequest)!.FunctionCall);
    }
}
