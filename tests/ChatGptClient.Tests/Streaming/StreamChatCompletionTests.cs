using System.Net;
using System.Text;
using System.Text.Json;
using ChatGpt.Chat;
using ChatGpt.Completions;
using ChatGpt.Streaming;
using ChatGpt.Tests.TestSupport;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace ChatGpt.Tests.Streaming;

public sealed class StreamChatCompletionTests
{
    private const string Chunk1 = """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","system_fingerprint":"fp_44709d6fcb","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}""";
    private const string Chunk2 = """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","system_fingerprint":"fp_44709d6fcb","choices":[{"index":0,"delta":{"content":"Hello"},"logprobs":null,"finish_reason":null}]}""";
    private const string Chunk3 = """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","system_fingerprint":"fp_44709d6fcb","choices":[{"index":0,"delta":{"content":" there, héllo ✓"},"logprobs":null,"finish_reason":null}]}""";
    private const string Chunk4 = """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","system_fingerprint":"fp_44709d6fcb","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}""";
    private const string UsageChunk = """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","system_fingerprint":"fp_44709d6fcb","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":4,"total_tokens":13}}""";

    private static string Sse(params string[] data) => string.Concat(data.Select(d => $"data: {d}\n\n"));

    private static ChatCompletionRequest Hello() => new() { Model = "gpt-4o-mini", Messages = [ChatMessage.User("Hello!")], StreamOptions = new ChatStreamOptions { IncludeUsage = true } };

    private static (ChatGptClient Client, MockHttpMessageHandler Mock) ClientReturning(HttpContent content, HttpStatusCode status = HttpStatusCode.OK, Action<ChatGptOptions>? configure = null, TimeProvider? time = null)
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, TestClients.BaseUrl + "chat/completions").Respond(_ => new HttpResponseMessage(status) { Content = content });
        mock.When(HttpMethod.Post, TestClients.BaseUrl + "completions").Respond(_ => new HttpResponseMessage(status) { Content = content });
        return (TestClients.Create(mock, configure, time), mock);
    }

    private static async Task<List<T>> ReadAll<T>(IAsyncEnumerable<T> items, List<T>? into = null)
    {
        var list = into ?? [];
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    [Fact]
    public async Task StreamChatCompletionAsync_NormalStream_YieldsEveryChunkAndStopsAtDone()
    {
        var (client, _) = ClientReturning(new SlowContent(Sse(Chunk1, Chunk2, Chunk3, Chunk4, UsageChunk, "[DONE]") + "data: {\"never\": \"read\"}\n\n"));

        var chunks = await ReadAll(client.StreamChatCompletionAsync(Hello()));

        Assert.Equal(5, chunks.Count);
        Assert.Equal(ChatRole.Assistant, chunks[0].Choices[0].Delta!.Role);
        Assert.Equal("Hello", chunks[1].ContentDelta);
        Assert.Equal(" there, héllo ✓", chunks[2].ContentDelta);
        Assert.Equal("stop", chunks[3].Choices[0].FinishReason);
        Assert.Empty(chunks[4].Choices);
        Assert.Null(chunks[4].ContentDelta);
        Assert.Equal(13, chunks[4].Usage!.TotalTokens);
        Assert.Equal("fp_44709d6fcb", chunks[0].SystemFingerprint);
    }

    [Fact]
    public async Task StreamChatCompletionAsync_Always_SendsStreamTrueAndAcceptsEventStream()
    {
        var mock = new MockHttpMessageHandler();
        string? body = null;
        HttpRequestMessage? seen = null;
        mock.When("*").With(r => { seen = r; body = r.Content!.ReadAsStringAsync().Result; return true; }).Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new SlowContent(Sse(Chunk2, "[DONE]")) });
        var request = Hello();

        await ReadAll(TestClients.Create(mock).StreamChatCompletionAsync(request));

        Assert.Equal("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello!"}],"stream_options":{"include_usage":true},"stream":true}""", body);
        Assert.Equal("text/event-stream", seen!.Headers.Accept.Single().MediaType);
        Assert.Null(request.Stream);
    }

    [Fact]
    public async Task StreamChatCompletionAsync_QuirksOfRealServers_AreHandled()
    {
        // Comments, keep-alives, named fields, CRLF endings, a retry field and an unknown event type, split in odd reads.
        var body = ": keep-alive\r\n\r\n" +
                   "retry: 3000\r\n" +
                   $"event: message\r\ndata: {Chunk1}\r\n\r\n" +
                   ": OPENROUTER PROCESSING\n\n" +
                   $"data: {Chunk2}\r\n\r\n" +
                   "event: ping\ndata: {\"type\":\"ping\"}\n\n" +
                   $"data: {Chunk3}\n\n" +
                   $"data: {UsageChunk}\r\n\r\n" +
                   "data: [DONE]\r\n\r\n";
        var (client, _) = ClientReturning(new SlowContent(body, splits: [1, 2, 3, 5, 8, 13, 21]));

        var chunks = await ReadAll(client.StreamChatCompletionAsync(Hello()));

        Assert.Equal(4, chunks.Count);
        Assert.Equal("Hello there, héllo ✓", string.Concat(chunks.Select(c => c.ContentDelta)));
        Assert.Equal(13, chunks[^1].Usage!.TotalTokens);
    }

    [Fact]
    public async Task StreamChatCompletionAsync_ErrorObjectInStream_ThrowsAfterDeliveringEarlierChunks()
    {
        var error = """{"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":"internal_error"}}""";
        var (client, _) = ClientReturning(new SlowContent(Sse(Chunk1, Chunk2, error, "[DONE]")));
        var received = new List<ChatCompletionChunk>();

        var exception = await Assert.ThrowsAsync<ChatGptException>(() => ReadAll(client.StreamChatCompletionAsync(Hello()), received));

        Assert.Equal(2, received.Count);
        Assert.Equal("server_error", exception.ErrorType);
        Assert.Equal("internal_error", exception.ErrorCode);
        Assert.StartsWith("The server had an error", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamChatCompletionAsync_ErrorEventType_ThrowsWithItsMessage()
    {
        var (client, _) = ClientReturning(new SlowContent($"data: {Chunk1}\n\nevent: error\ndata: {{\"error\":{{\"message\":\"overloaded\",\"type\":\"overloaded_error\"}}}}\n\n"));

        var exception = await Assert.ThrowsAsync<ChatGptException>(() => ReadAll(client.StreamChatCompletionAsync(Hello())));

        Assert.Equal("overloaded_error", exception.ErrorType);
    }

    [Fact]
    public async Task StreamChatCompletionAsync_EndsWithoutDone_ThrowsStreamCutAfterDeliveringChunks()
    {
        var (client, _) = ClientReturning(new SlowContent(Sse(Chunk1, Chunk2)));
        var received = new List<ChatCompletionChunk>();

        var exception = await Assert.ThrowsAsync<ChatGptException>(() => ReadAll(client.StreamChatCompletionAsync(Hello()), received));

        Assert.Equal(2, received.Count);
        Assert.Contains("cut before [DONE]", exception.Message, StringComparison.Ordinal);
        Assert.Contains("2 event(s)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamChatCompletionAsync_CutMidEvent_ThrowsStreamCut()
    {
        var (client, _) = ClientReturning(new SlowContent(Sse(Chunk1) + "data: {\"id\":\"chatcmpl-1\",\"choi", failAtEnd: true));
        var received = new List<ChatCompletionChunk>();

        var exception = await Assert.ThrowsAsync<ChatGptException>(() => ReadAll(client.StreamChatCompletionAsync(Hello()), received));

        Assert.Single(received);
        Assert.Contains("cut before [DONE]", exception.Message, StringComparison.Ordinal);
        Assert.IsType<IOException>(exception.InnerException);
    }

    [Fact]
    public async Task StreamChatCompletionAsync_MalformedEvent_ThrowsChatGptException()
    {
        var (client, _) = ClientReturning(new SlowContent(Sse(Chunk1, "{not json", "[DONE]")));

        var exception = await Assert.ThrowsAsync<ChatGptException>(() => ReadAll(client.StreamChatCompletionAsync(Hello())));

        Assert.Contains("stream event could not be read", exception.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<JsonException>(exception.InnerException);
    }

    [Fact]
    public async Task StreamChatCompletionAsync_RateLimitedBeforeStream_ThrowsSameExceptionAsNonStreaming()
    {
        var (client, _) = ClientReturning(new StringContent(Bodies.RateLimitError, Encoding.UTF8, "application/json"), HttpStatusCode.TooManyRequests);

        var exception = await Assert.ThrowsAsync<ChatGptException>(() => ReadAll(client.StreamChatCompletionAsync(Hello())));

        Assert.Equal(HttpStatusCode.TooManyRequests, exception.StatusCode);
        Assert.Equal("rate_limit_exceeded", exception.ErrorCode);
    }

    [Fact]
    public async Task StreamChatCompletionAsync_CancelledMidStream_StopsAndDisposesTheResponse()
    {
        var content = new SlowContent(Sse(Chunk1, Chunk2), stallAt: Encoding.UTF8.GetByteCount(Sse(Chunk1, Chunk2)));
        var (client, _) = ClientReturning(content);
        using var cts = new CancellationTokenSource();
        var received = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var chunk in client.StreamChatCompletionAsync(Hello(), cts.Token))
            {
                if (++received == 2)
                {
                    await cts.CancelAsync();
                }
            }
        });

        Assert.Equal(2, received);
        Assert.True(content.Disposed);
    }

    [Fact]
    public async Task StreamChatCompletionAsync_ConsumerBreaksOut_DisposesTheResponse()
    {
        var content = new SlowContent(Sse(Chunk1, Chunk2, Chunk3, "[DONE]"));
        var (client, _) = ClientReturning(content);

        await foreach (var chunk in client.StreamChatCompletionAsync(Hello()))
        {
            break;
        }

        Assert.True(content.Disposed);
    }

    [Fact]
    public async Task StreamChatCompletionAsync_WithCancellationStalledServer_ThrowsPromptly()
    {
        var content = new SlowContent(Sse(Chunk1), stallAt: 0);
        var (client, _) = ClientReturning(content);
        using var cts = new CancellationTokenSource();
        var reading = ReadAsync();

        // Cancelled once the server has stalled (a signal, not a guess of how long that takes); only the caller's token
        // can end the read, and the guard fails the test if it does not.
        await content.Stalled.Task;
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.True(content.Disposed);

        async Task ReadAsync()
        {
            // The token given to the enumerator, not to the call.
            await foreach (var chunk in client.StreamChatCompletionAsync(Hello()).WithCancellation(cts.Token))
            {
                Assert.NotNull(chunk);
            }
        }
    }

    [Fact]
    public async Task StreamChatCompletionAsync_NoEventWithinIdleTimeout_ThrowsOnTheInjectedClock()
    {
        var time = new FakeTimeProvider();
        var content = new SlowContent(Sse(Chunk1), stallAt: Encoding.UTF8.GetByteCount(Sse(Chunk1)));
        var (client, _) = ClientReturning(content, configure: o => o.Resilience.StreamIdleTimeout = TimeSpan.FromHours(1), time: time);
        var received = new List<ChatCompletionChunk>();

        var reading = ReadAll(client.StreamChatCompletionAsync(Hello()), received);

        // The body stalls once the first event's bytes are read; the reader asks for more only after handing that event
        // over, so it has arrived by then. No real time involved.
        await content.Stalled.Task;
        Assert.Single(received);
        time.Advance(TimeSpan.FromMinutes(59));
        Assert.False(reading.IsCompleted, "The stream ended before its idle timeout.");
        time.Advance(TimeSpan.FromMinutes(1));

        // An hour of idle timeout: on the system clock instead of the injected one, the guard (not the timeout) would end it.
        var exception = await Assert.ThrowsAsync<ChatGptException>(() => reading.WaitAsync(TimeSpan.FromMinutes(1)));

        Assert.Contains("no event arrived", exception.Message, StringComparison.Ordinal);
        Assert.IsType<TimeoutException>(exception.InnerException);
    }

    [Fact]
    public async Task ToChatCompletionAsync_SameAnswer_EqualsTheNonStreamingResponse()
    {
        const string nonStreaming = """{"id":"chatcmpl-1","object":"chat.completion","created":1694268190,"model":"gpt-4o-mini","system_fingerprint":"fp_44709d6fcb","choices":[{"index":0,"message":{"role":"assistant","content":"Hello there, héllo ✓"},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":9,"completion_tokens":4,"total_tokens":13}}""";
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", nonStreaming);
        var expected = await TestClients.Create(mock).CreateChatCompletionAsync(Hello());
        var (client, _) = ClientReturning(new SlowContent(Sse(Chunk1, Chunk2, Chunk3, Chunk4, UsageChunk, "[DONE]")));

        var actual = await client.StreamChatCompletionAsync(Hello()).ToChatCompletionAsync();

        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Object, actual.Object);
        Assert.Equal(expected.Created, actual.Created);
        Assert.Equal(expected.Model, actual.Model);
        Assert.Equal(expected.SystemFingerprint, actual.SystemFingerprint);
        Assert.Equal(expected.Content, actual.Content);
        Assert.Equal(expected.FinishReason, actual.FinishReason);
        Assert.Equal(expected.Choices[0].Message.Role, actual.Choices[0].Message.Role);
        Assert.Equal(expected.Usage!.TotalTokens, actual.Usage!.TotalTokens);
        Assert.Equal(expected.Usage.PromptTokens, actual.Usage.PromptTokens);
    }

    [Fact]
    public async Task ToChatCompletionAsync_ToolCallFragments_AreJoinedByIndex()
    {
        static string Tool(string delta) => $$"""{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{{delta}},"finish_reason":null}]}""";
        var body = Sse(
            Tool("""{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]}"""),
            Tool("""{"tool_calls":[{"index":0,"function":{"arguments":"{\"loc"}}]}"""),
            Tool("""{"tool_calls":[{"index":1,"id":"call_2","type":"function","function":{"name":"lookup_order","arguments":"{\"id\":"}}]}"""),
            Tool("""{"tool_calls":[{"index":0,"function":{"arguments":"ation\":\"Paris\"}"}}]}"""),
            Tool("""{"tool_calls":[{"index":1,"function":{"arguments":"42}"}}]}"""),
            """{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""",
            "[DONE]");
        var (client, _) = ClientReturning(new SlowContent(body));

        var completion = await client.StreamChatCompletionAsync(Hello()).ToChatCompletionAsync();

        Assert.Equal("tool_calls", completion.FinishReason);
        Assert.Null(completion.Content);
        Assert.Collection(
            completion.ToolCalls,
            call =>
            {
                Assert.Equal("call_1", call.Id);
                Assert.Equal("get_weather", call.Function!.Name);
                Assert.Equal("""{"location":"Paris"}""", call.Function.Arguments);
            },
            call =>
            {
                Assert.Equal("call_2", call.Id);
                Assert.Equal("lookup_order", call.Function!.Name);
                Assert.Equal("""{"id":42}""", call.Function.Arguments);
            });
    }

    [Fact]
    public async Task ToChatCompletionAsync_SeveralChoices_KeepsThemApart()
    {
        static string Choice(int index, string content) => $$"""{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":{{index}},"delta":{"content":"{{content}}"},"finish_reason":null}]}""";
        var (client, _) = ClientReturning(new SlowContent(Sse(Choice(0, "A"), Choice(1, "B"), Choice(0, "a"), Choice(1, "b"), "[DONE]")));

        var completion = await client.StreamChatCompletionAsync(Hello()).ToChatCompletionAsync();

        Assert.Equal(["Aa", "Bb"], completion.Choices.Select(c => c.Message.Content));
    }

    [Fact]
    public async Task StreamCompletionAsync_LegacyStream_YieldsTextAndJoins()
    {
        static string Text(string text, string? finish = null) => $$"""{"id":"cmpl-1","object":"text_completion","created":1,"model":"gpt-3.5-turbo-instruct","choices":[{"text":"{{text}}","index":0,"logprobs":null,"finish_reason":{{(finish is null ? "null" : $"\"{finish}\"")}}}]}""";
        var (client, _) = ClientReturning(new SlowContent(Sse(Text("This"), Text(" is"), Text(" a test", "length"), "[DONE]")));

        var completion = await client.StreamCompletionAsync(new CompletionRequest { Prompt = "Say this is a test" }).ToCompletionAsync();

        Assert.Equal("This is a test", completion.Text);
        Assert.Equal("length", completion.Choices[0].FinishReason);
        Assert.Equal("cmpl-1", completion.Id);
    }

    [Fact]
    public void StreamChatCompletionAsync_InvalidRequest_ThrowsBeforeEnumeration()
    {
        var client = TestClients.Create(new MockHttpMessageHandler());

        Assert.Throws<ArgumentException>(() => client.StreamChatCompletionAsync(new ChatCompletionRequest()));
    }
}
