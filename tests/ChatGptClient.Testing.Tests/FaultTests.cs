using System.Net;
using System.Text.Json;
using ChatGpt.Testing.Tests.Infrastructure;
using ChatGpt.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace ChatGpt.Testing.Tests;

/// <summary>Every fault the emulator can inject, as a plain HTTP client sees it.</summary>
public class FaultTests
{
    private const string Chat = """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Count to 20"}]}""";
    private const string StreamedChat = """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Count to 20"}],"stream":true}""";

    [Theory]
    [InlineData(EmulatorHosting.InMemory)]
    [InlineData(EmulatorHosting.Kestrel)]
    public async Task RateLimited_Answers429WithRetryHintsAndRateLimitHeaders(EmulatorHosting hosting)
    {
        await using var host = await HostedEmulator.StartAsync(hosting);
        host.Emulator.Enqueue(EmulatorResponse.RateLimited(TimeSpan.FromMilliseconds(1500)));

        using var limited = await host.Client.PostAsync("chat/completions", Chat);
        using var next = await host.Client.PostAsync("chat/completions", Chat);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("2", limited.Header("retry-after"));
        Assert.Equal("1500", limited.Header("retry-after-ms"));
        Assert.Equal("0", limited.Header("x-ratelimit-remaining-requests"));
        Assert.Equal("1.5s", limited.Header("x-ratelimit-reset-requests"));
        var error = (await limited.ReadJsonAsync()).GetProperty("error");
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.Equal("requests", error.GetProperty("type").GetString());
        Assert.Contains("Please try again in 1.5s", error.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task RateLimited_WithoutHeader_DropsThatHint()
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);
        host.Emulator.Enqueue(EmulatorResponse.RateLimited(TimeSpan.FromSeconds(3)).WithoutHeader("retry-after-ms"));

        using var response = await host.Client.PostAsync("chat/completions", Chat);

        Assert.Equal("3", response.Header("retry-after"));
        Assert.Null(response.Header("retry-after-ms"));
    }

    [Fact]
    public async Task InsufficientQuota_Answers429WithoutRetryHints()
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);
        host.Emulator.Enqueue(EmulatorResponse.InsufficientQuota());

        using var response = await host.Client.PostAsync("chat/completions", Chat);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Null(response.Header("retry-after"));
        Assert.Null(response.Header("retry-after-ms"));
        var error = (await response.ReadJsonAsync()).GetProperty("error");
        Assert.Equal("insufficient_quota", error.GetProperty("code").GetString());
        Assert.Equal("insufficient_quota", error.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData(EmulatorHosting.InMemory, HttpStatusCode.InternalServerError, "application/json")]
    [InlineData(EmulatorHosting.InMemory, HttpStatusCode.BadGateway, "text/html")]
    [InlineData(EmulatorHosting.InMemory, HttpStatusCode.ServiceUnavailable, "application/json")]
    [InlineData(EmulatorHosting.InMemory, HttpStatusCode.GatewayTimeout, "application/json")]
    [InlineData(EmulatorHosting.Kestrel, HttpStatusCode.InternalServerError, "application/json")]
    [InlineData(EmulatorHosting.Kestrel, HttpStatusCode.BadGateway, "text/html")]
    public async Task ServerError_AnswersTheStatusAndBody(EmulatorHosting hosting, HttpStatusCode status, string mediaType)
    {
        await using var host = await HostedEmulator.StartAsync(hosting);
        host.Emulator.Enqueue(EmulatorResponse.ServerError(status).WithShouldRetry(true));

        using var response = await host.Client.PostAsync("chat/completions", Chat);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(mediaType, response.ContentType()?.MediaType);
        Assert.Equal("true", response.Header("x-should-retry"));
        Assert.NotNull(response.Header("x-request-id"));
        if (mediaType == "application/json")
        {
            SpecSchemas.AssertValid(SpecSchemas.Error, await response.ReadJsonAsync());
        }
    }

    [Fact]
    public async Task Error_CustomError_IsSentAsScripted()
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);
        host.Emulator.Enqueue(EmulatorResponse.Error(HttpStatusCode.BadRequest, "This model's maximum context length is 128000 tokens.", code: "context_length_exceeded", param: "messages").WithShouldRetry(false));

        using var response = await host.Client.PostAsync("chat/completions", Chat);

        var error = (await response.ReadJsonAsync()).GetProperty("error");
        Assert.Equal("context_length_exceeded", error.GetProperty("code").GetString());
        Assert.Equal("messages", error.GetProperty("param").GetString());
        Assert.Equal("false", response.Header("x-should-retry"));
    }

    [Fact]
    public async Task FirstByteDelay_HoldsTheResponseUntilTheClockAdvances()
    {
        var time = new SteppingClock();
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory, new ChatGptEmulator(time));
        host.Emulator.Enqueue(EmulatorResponse.Generated().WithFirstByteDelay(TimeSpan.FromSeconds(30)));

        var pending = host.Client.PostAsync("chat/completions", Chat);
        await time.WhenWaitingAsync(); // the emulator has the request and waits for the first byte's time
        Assert.Single(host.Emulator.Requests);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(pending.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("30000", response.Header("openai-processing-ms"));
    }

    [Fact]
    public async Task FirstByteDelay_CancelledByTheCaller_EndsPromptly()
    {
        var time = new SteppingClock();
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory, new ChatGptEmulator(time));
        host.Emulator.Enqueue(EmulatorResponse.Generated().WithFirstByteDelay(TimeSpan.FromMinutes(5)));
        using var cancellation = new CancellationTokenSource();

        var pending = host.Client.PostAsync("chat/completions", Chat, cancellationToken: cancellation.Token);
        await time.WhenWaitingAsync(); // the emulator has the request and waits for the first byte's time
        Assert.Single(host.Emulator.Requests);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task ChunkDelay_SendsEventsOnlyAsTheClockAdvances()
    {
        var time = new FakeTimeProvider();
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory, new ChatGptEmulator(time));
        host.Emulator.Enqueue(EmulatorResponse.Generated().WithChunkDelay(TimeSpan.FromSeconds(10)));
        using var response = await host.Client.PostAsync("chat/completions", StreamedChat, HttpCompletionOption.ResponseHeadersRead);
        await using var events = response.ReadEventsStreamingAsync().GetAsyncEnumerator();

        Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        var second = events.MoveNextAsync().AsTask();
        await Task.Yield();
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(10));

        Assert.True(await second.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Theory]
    [InlineData(EmulatorHosting.InMemory)]
    [InlineData(EmulatorHosting.Kestrel)]
    public async Task ConnectionCut_Stream_EndsWithAnIOErrorBeforeDone(EmulatorHosting hosting)
    {
        await using var host = await HostedEmulator.StartAsync(hosting);
        host.Emulator.Enqueue(EmulatorResponse.Generated().WithConnectionCut(afterChunks: 3));
        using var response = await host.Client.PostAsync("chat/completions", StreamedChat, HttpCompletionOption.ResponseHeadersRead);
        var received = new List<string>();

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var data in response.ReadEventsStreamingAsync())
            {
                received.Add(data);
            }
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(error is IOException || error.InnerException is IOException, error.ToString());
        Assert.Equal(3, received.Count);
        Assert.DoesNotContain("[DONE]", received);
    }

    [Theory]
    [InlineData(EmulatorHosting.InMemory)]
    [InlineData(EmulatorHosting.Kestrel)]
    public async Task StreamError_EndsTheStreamWithAnErrorEventAndNoDone(EmulatorHosting hosting)
    {
        await using var host = await HostedEmulator.StartAsync(hosting);
        host.Emulator.Enqueue(EmulatorResponse.Generated().WithStreamError(afterChunks: 2));
        host.Emulator.Enqueue(EmulatorResponse.Generated().WithStreamError(afterChunks: 2));

        using var streamed = await host.Client.PostAsync("chat/completions", StreamedChat, HttpCompletionOption.ResponseHeadersRead);
        var events = await streamed.ReadEventsAsync();
        using var whole = await host.Client.PostAsync("chat/completions", Chat);

        Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
        Assert.Equal(3, events.Count);
        SpecSchemas.AssertValid(SpecSchemas.ChatCompletionChunk, events[1]);
        SpecSchemas.AssertValid(SpecSchemas.Error, events[2]);
        Assert.Equal("server_error", JsonDocument.Parse(events[2]).RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        SpecSchemas.AssertValid(SpecSchemas.ChatCompletion, await whole.ReadJsonAsync());
    }

    [Theory]
    [InlineData(EmulatorHosting.InMemory)]
    [InlineData(EmulatorHosting.Kestrel)]
    public async Task TruncatedBody_NotStreamed_FailsTheRead(EmulatorHosting hosting)
    {
        await using var host = await HostedEmulator.StartAsync(hosting);
        host.Emulator.Enqueue(EmulatorResponse.TruncatedBody());

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var response = await host.Client.PostAsync("chat/completions", Chat);
            await response.Content.ReadAsStringAsync();
        });

        Assert.True(error is HttpRequestException or IOException, error.ToString());
    }

    [Theory]
    [InlineData(EmulatorHosting.InMemory)]
    [InlineData(EmulatorHosting.Kestrel)]
    public async Task TruncatedBody_ReadAsStream_GivesHalfTheJsonThenAnIOError(EmulatorHosting hosting)
    {
        await using var host = await HostedEmulator.StartAsync(hosting);
        host.Emulator.Enqueue(EmulatorResponse.TruncatedBody());
        using var response = await host.Client.PostAsync("chat/completions", Chat, HttpCompletionOption.ResponseHeadersRead);
        using var stream = await response.Content.ReadAsStreamAsync();
        using var buffer = new MemoryStream();

        await Assert.ThrowsAnyAsync<IOException>(() => stream.CopyToAsync(buffer));

        Assert.True(buffer.Length > 10);
        Assert.True(response.Content.Headers.ContentLength is null || response.Content.Headers.ContentLength > buffer.Length);
    }

    [Theory]
    [InlineData(EmulatorHosting.InMemory, false)]
    [InlineData(EmulatorHosting.InMemory, true)]
    [InlineData(EmulatorHosting.Kestrel, true)]
    public async Task MalformedJson_IsNotParseable(EmulatorHosting hosting, bool stream)
    {
        await using var host = await HostedEmulator.StartAsync(hosting);
        host.Emulator.Enqueue(EmulatorResponse.MalformedJson());

        using var response = await host.Client.PostAsync("chat/completions", stream ? StreamedChat : Chat, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var payload = stream ? (await response.ReadEventsAsync())[0] : await response.Content.ReadAsStringAsync();
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(payload));
    }

    [Fact]
    public async Task Raw_IsSentVerbatim()
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);
        host.Emulator.Enqueue(EmulatorResponse.Raw(HttpStatusCode.OK, "data: {}\n\n", "text/plain").WithHeader("x-custom", "1"));

        using var response = await host.Client.PostAsync("chat/completions", Chat);

        Assert.Equal("data: {}\n\n", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", response.ContentType()?.MediaType);
        Assert.Equal("1", response.Header("x-custom"));
    }

    [Fact]
    public async Task Text_ScriptedAnswer_IsStillCutByMaxTokens()
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);
        host.Emulator.Enqueue(EmulatorResponse.Text("one two three four five six"));

        using var response = await host.Client.PostAsync("chat/completions", """{"model":"m","messages":[{"role":"user","content":"x"}],"max_tokens":3}""");

        var choice = (await response.ReadJsonAsync()).GetProperty("choices")[0];
        Assert.Equal("one two three", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task ToolCall_ScriptedCall_IsReturned()
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);
        host.Emulator.Enqueue(EmulatorResponse.ToolCall("lookup_order", """{"id":42}"""));

        using var response = await host.Client.PostAsync("chat/completions", Chat);

        var json = await response.ReadJsonAsync();
        SpecSchemas.AssertValid(SpecSchemas.ChatCompletion, json);
        var call = json.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls")[0].GetProperty("function");
        Assert.Equal("lookup_order", call.GetProperty("name").GetString());
        Assert.Equal("""{"id":42}""", call.GetProperty("arguments").GetString());
    }

    [Fact]
    public async Task Faults_BypassValidation()
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);
        host.Emulator.Enqueue(EmulatorResponse.ServerError());

        using var response = await host.Client.PostAsync("chat/completions", "not json");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }
}
