using System.Net;
using System.Text;
using System.Text.Json;
using ChatGpt.Completions;
using ChatGpt.Diagnostics;
using ChatGpt.Serialization;
using ChatGpt.Streaming;

namespace ChatGpt.Tests.Diagnostics;

public sealed class ChatGptResponseInfoTests
{
    [Fact]
    public async Task CreateChatCompletionAsync_Success_ExposesStatusRequestIdProcessingTimeAndRateLimits()
    {
        using var harness = new TelemetryHarness();
        harness.RespondJson(TelemetryHarness.ChatUrl, TelemetryHarness.ChatJson);

        var completion = await harness.Client.CreateChatCompletionAsync(TelemetryHarness.ChatRequest());

        var info = completion.ResponseInfo;
        Assert.NotNull(info);
        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        Assert.Equal("req_abc123", info.RequestId);
        Assert.Equal(TimeSpan.FromMilliseconds(321), info.ProcessingTime);
        Assert.Equal(10000, info.RateLimits.LimitRequests);
        Assert.Equal(9999, info.RateLimits.RemainingRequests);
        Assert.Equal(TimeSpan.FromMilliseconds(6), info.RateLimits.ResetRequests);
        Assert.Equal(200000, info.RateLimits.LimitTokens);
        Assert.Equal(199983, info.RateLimits.RemainingTokens);
        Assert.Equal(TimeSpan.FromMinutes(6), info.RateLimits.ResetTokens);
        Assert.False(info.RateLimits.IsEmpty);
        Assert.Equal("HTTP 200, request id req_abc123, processing 321 ms", info.ToString());
        Assert.True(info.Headers.Contains("openai-processing-ms"));
    }

    [Fact]
    public async Task CreateChatCompletionAsync_CaptureOff_HasNoRawBody()
    {
        using var harness = new TelemetryHarness();
        harness.RespondJson(TelemetryHarness.ChatUrl, TelemetryHarness.ChatJson);

        var completion = await harness.Client.CreateChatCompletionAsync(TelemetryHarness.ChatRequest());

        Assert.Null(completion.ResponseInfo!.RawBody);
    }

    [Fact]
    public async Task CreateChatCompletionAsync_CaptureOn_KeepsExactBodyAndParsesIt()
    {
        using var harness = new TelemetryHarness(static o => o.CaptureRawResponse = true);
        harness.RespondJson(TelemetryHarness.ChatUrl, TelemetryHarness.ChatJson);

        var completion = await harness.Client.CreateChatCompletionAsync(TelemetryHarness.ChatRequest());

        Assert.Equal(TelemetryHarness.ChatJson, Encoding.UTF8.GetString(completion.ResponseInfo!.RawBody!.Value.Span));
        Assert.Equal(TelemetryHarness.Answer, completion.Content);
        Assert.Equal(17, completion.Usage!.TotalTokens);
    }

    [Fact]
    public async Task CreateChatCompletionAsync_CaptureOnMalformedBody_ThrowsTypedError()
    {
        using var harness = new TelemetryHarness(static o => o.CaptureRawResponse = true);
        harness.RespondJson(TelemetryHarness.ChatUrl, """{"id":"x","choices":[{"index":0,""");

        var error = await Assert.ThrowsAsync<ChatGptException>(() => harness.Client.CreateChatCompletionAsync(TelemetryHarness.ChatRequest()));

        Assert.Equal("req_abc123", error.RequestId);
    }

    [Fact]
    public async Task CreateCompletionAsync_CaptureOn_KeepsBody()
    {
        using var harness = new TelemetryHarness(static o => o.CaptureRawResponse = true);
        harness.RespondJson(TelemetryHarness.CompletionsUrl, TelemetryHarness.CompletionJson);

        var completion = await harness.Client.CreateCompletionAsync(new CompletionRequest { Prompt = "Capital of Freedonia:" });

        Assert.Equal("req_abc123", completion.ResponseInfo!.RequestId);
        Assert.Equal(TelemetryHarness.CompletionJson, Encoding.UTF8.GetString(completion.ResponseInfo.RawBody!.Value.Span));
    }

    [Fact]
    public async Task StreamChatCompletionAsync_Chunks_ShareResponseInfoAndAccumulatorKeepsIt()
    {
        using var harness = new TelemetryHarness();
        harness.RespondStream(TelemetryHarness.ChatUrl, TelemetryHarness.ChatStreamEvents);
        var infos = new List<ChatGptResponseInfo?>();

        var completion = await harness.Client.StreamChatCompletionAsync(TelemetryHarness.ChatRequest()).ToChatCompletionAsync(chunk => infos.Add(chunk.ResponseInfo));

        Assert.Equal(3, infos.Count);
        Assert.All(infos, info => Assert.Same(infos[0], info));
        Assert.Equal("req_abc123", infos[0]!.RequestId);
        Assert.Null(infos[0]!.RawBody);
        Assert.Same(infos[0], completion.ResponseInfo);
    }

    [Fact]
    public async Task StreamChatCompletionAsync_CaptureOn_EachChunkKeepsItsEventData()
    {
        using var harness = new TelemetryHarness(static o => o.CaptureRawResponse = true);
        harness.RespondStream(TelemetryHarness.ChatUrl, TelemetryHarness.ChatStreamEvents);
        var raw = new List<string>();

        var completion = await harness.Client.StreamChatCompletionAsync(TelemetryHarness.ChatRequest())
            .ToChatCompletionAsync(chunk => raw.Add(Encoding.UTF8.GetString(chunk.ResponseInfo!.RawBody!.Value.Span)));

        Assert.Equal(TelemetryHarness.ChatStreamEvents, raw);
        Assert.Equal("req_abc123", completion.ResponseInfo!.RequestId);
        Assert.Null(completion.ResponseInfo.RawBody);
    }

    [Fact]
    public async Task StreamCompletionAsync_ToCompletionAsync_KeepsResponseInfo()
    {
        using var harness = new TelemetryHarness();
        harness.RespondStream(TelemetryHarness.CompletionsUrl, ["""{"id":"cmpl-1","object":"text_completion","created":1,"model":"m","choices":[{"index":0,"text":"Fred","finish_reason":null}]}"""]);

        var completion = await harness.Client.StreamCompletionAsync(new CompletionRequest { Prompt = "Capital:" }).ToCompletionAsync();

        Assert.Equal("req_abc123", completion.ResponseInfo!.RequestId);
    }

    [Fact]
    public void Serialize_ChatCompletionWithResponseInfo_LeavesItOut()
    {
        var completion = JsonSerializer.Deserialize(TelemetryHarness.ChatJson, ChatGptJsonContext.Default.ChatCompletion)!;
        Assert.Null(completion.ResponseInfo);

        var json = JsonSerializer.Serialize(completion, ChatGptJsonContext.Default.ChatCompletion);

        Assert.DoesNotContain("response_info", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ResponseInfo", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Constructor_NoHeaders_HasEmptyRateLimitsAndNoRequestId()
    {
        var info = new ChatGptResponseInfo(HttpStatusCode.OK);

        Assert.True(info.RateLimits.IsEmpty);
        Assert.Null(info.RequestId);
        Assert.Null(info.ProcessingTime);
        Assert.Null(info.RawBody);
        Assert.Equal("HTTP 200, request id (none), processing (unknown)", info.ToString());
    }
}
