using ChatGpt.Chat;
using ChatGpt.Streaming;
using ChatGpt.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace ChatGpt.Tests.Chat;

/// <summary>Realistic responses with tool calls, refusals, annotations, audio and moderation, read through the public API.</summary>
public sealed class ChatCompletionParsingTests
{
    private static Task<ChatCompletion> Parse(string body)
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", body);
        return TestClients.Create(mock).CreateChatCompletionAsync(new ChatCompletionRequest { Model = "m", Messages = [ChatMessage.User("x")] });
    }

    [Fact]
    public async Task CreateChatCompletionAsync_ParallelToolCalls_AreParsedWithTheirArguments()
    {
        var completion = await Parse("""
            {"id": "chatcmpl-tools", "object": "chat.completion", "created": 1741570283, "model": "gpt-4o-2024-08-06",
             "choices": [{"index": 0, "finish_reason": "tool_calls", "logprobs": null,
               "message": {"role": "assistant", "content": null, "refusal": null, "annotations": [],
                 "tool_calls": [
                   {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}},
                   {"id": "call_2", "type": "function", "function": {"name": "get_order", "arguments": "{\"orderId\":\"A-17\"}"}},
                   {"id": "call_3", "type": "custom", "custom": {"name": "sql", "input": "SELECT 1"}}
                 ]}}],
             "usage": {"prompt_tokens": 82, "completion_tokens": 40, "total_tokens": 122}}
            """);

        Assert.Null(completion.Content);
        Assert.Equal("tool_calls", completion.FinishReason);
        Assert.Collection(
            completion.ToolCalls,
            c => Assert.Equal(("call_1", "get_weather", "{\"city\":\"Paris\"}"), (c.Id, c.Function!.Name, c.Function.Arguments)),
            c => Assert.Equal(("call_2", "get_order", "{\"orderId\":\"A-17\"}"), (c.Id, c.Function!.Name, c.Function.Arguments)),
            c => Assert.Equal(("call_3", "custom", "sql", "SELECT 1"), (c.Id, c.Type, c.Custom!.Name, c.Custom.Input)));
    }

    [Fact]
    public async Task CreateChatCompletionAsync_Refusal_IsSurfacedWithNoContent()
    {
        var completion = await Parse("""
            {"id": "chatcmpl-r", "object": "chat.completion", "created": 1741570283, "model": "gpt-4o",
             "choices": [{"index": 0, "finish_reason": "stop", "logprobs": {"content": null, "refusal": [{"token": "I'm", "logprob": -0.1, "bytes": [73, 39, 109], "top_logprobs": []}]},
               "message": {"role": "assistant", "content": null, "refusal": "I'm sorry, I can't help with that.", "annotations": []}}]}
            """);

        Assert.Null(completion.Content);
        Assert.Equal("I'm sorry, I can't help with that.", completion.Refusal);
        Assert.Equal("I'm", completion.Choices[0].Logprobs!.Refusal![0].Token);
    }

    [Fact]
    public async Task CreateChatCompletionAsync_UrlCitations_AreParsed()
    {
        var completion = await Parse("""
            {"id": "chatcmpl-ws", "object": "chat.completion", "created": 1741570283, "model": "gpt-4o-search-preview",
             "choices": [{"index": 0, "finish_reason": "stop", "logprobs": null,
               "message": {"role": "assistant", "content": "Paris is sunny today (example.com).", "refusal": null,
                 "annotations": [{"type": "url_citation", "url_citation": {"start_index": 21, "end_index": 34, "url": "https://example.com/weather", "title": "Weather"}}]}}]}
            """);

        var citation = Assert.Single(completion.Choices[0].Message.Annotations!);
        Assert.Equal("url_citation", citation.Type);
        Assert.Equal((21, 34, "https://example.com/weather", "Weather"), (citation.UrlCitation!.StartIndex, citation.UrlCitation.EndIndex, citation.UrlCitation.Url, citation.UrlCitation.Title));
    }

    [Fact]
    public async Task CreateChatCompletionAsync_AudioAnswer_IsParsed()
    {
        var completion = await Parse("""
            {"id": "chatcmpl-a", "object": "chat.completion", "created": 1741570283, "model": "gpt-4o-audio-preview",
             "choices": [{"index": 0, "finish_reason": "stop", "logprobs": null,
               "message": {"role": "assistant", "content": null, "refusal": null,
                 "audio": {"id": "audio_abc123", "expires_at": 1729018505, "data": "UklGRg==", "transcript": "Hello there!"}}}],
             "usage": {"prompt_tokens": 17, "completion_tokens": 80, "total_tokens": 97,
               "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0, "text_tokens": 17, "image_tokens": 0, "cache_write_tokens": 5},
               "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 60, "text_tokens": 20, "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}}}
            """);

        var audio = completion.Choices[0].Message.Audio!;
        Assert.Equal(("audio_abc123", 1729018505L, "Hello there!"), (audio.Id, audio.ExpiresAt, audio.Transcript));
        Assert.Equal(new byte[] { 0x52, 0x49, 0x46, 0x46 }, Convert.FromBase64String(audio.Data!));
        Assert.Equal((17, 0, 5), (completion.Usage!.PromptTokensDetails!.TextTokens, completion.Usage.PromptTokensDetails.ImageTokens, completion.Usage.PromptTokensDetails.CacheWriteTokens));
        Assert.Equal((60, 20), (completion.Usage.CompletionTokensDetails!.AudioTokens, completion.Usage.CompletionTokensDetails.TextTokens));
    }

    [Fact]
    public async Task CreateChatCompletionAsync_ModerationResultsAndErrors_AreParsed()
    {
        var completion = await Parse("""
            {"id": "chatcmpl-m", "object": "chat.completion", "created": 1741570283, "model": "gpt-4o",
             "choices": [{"index": 0, "finish_reason": "content_filter", "logprobs": null, "message": {"role": "assistant", "content": null, "refusal": null}}],
             "moderation": {
               "input": {"type": "moderation_results", "model": "omni-moderation-latest", "results": [
                 {"type": "moderation_result", "model": "omni-moderation-latest", "flagged": true,
                  "categories": {"violence": true, "harassment": false},
                  "category_scores": {"violence": 0.91, "harassment": 0.01},
                  "category_applied_input_types": {"violence": ["text", "image"], "harassment": ["text"]}}]},
               "output": {"type": "error", "code": "moderation_unavailable", "message": "Moderation timed out."}}}
            """);

        var moderation = completion.Moderation!;
        Assert.False(moderation.Input!.IsError);
        Assert.True(moderation.Input.Flagged);
        var result = Assert.Single(moderation.Input.Results!);
        Assert.True(result.Categories!["violence"]);
        Assert.Equal(0.91, result.CategoryScores!["violence"]);
        Assert.Equal(["text", "image"], result.CategoryAppliedInputTypes!["violence"]);
        Assert.True(moderation.Output!.IsError);
        Assert.Equal(("moderation_unavailable", "Moderation timed out."), (moderation.Output.Code, moderation.Output.Message));
        Assert.False(moderation.Output.Flagged);
    }

    [Fact]
    public void ChatCompletionAccumulator_ModerationChunk_IsKeptInTheCompletion()
    {
        var accumulator = new ChatCompletionAccumulator();
        accumulator.Append(new ChatCompletionChunk { Id = "c", Choices = [new ChatChunkChoice { Delta = new ChatMessageDelta { Content = "Hi" }, FinishReason = "stop" }] });
        accumulator.Append(new ChatCompletionChunk { Id = "c", Moderation = new ChatModeration { Input = new ChatModerationOutcome { Type = "moderation_results", Results = [] } } });

        var completion = accumulator.ToCompletion();

        Assert.Equal("Hi", completion.Content);
        Assert.Equal("moderation_results", completion.Moderation!.Input!.Type);
    }

    [Fact]
    public async Task ListModelsAsync_ShutdownDate_IsParsed()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", """{"object": "list", "data": [{"id": "gpt-old", "object": "model", "created": 1686935002, "owned_by": "openai", "shutdown_date": "2026-10-23"}]}""");

        var models = await TestClients.Create(mock).ListModelsAsync();

        Assert.Equal("2026-10-23", Assert.Single(models).ShutdownDate);
    }
}
