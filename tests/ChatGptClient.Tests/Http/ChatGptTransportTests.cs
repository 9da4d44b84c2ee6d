using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Serialization;
using ChatGpt.Http.Internal;
using ChatGpt.Serialization;
using ChatGpt.Tests.Diagnostics;
using ChatGpt.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace ChatGpt.Tests.Http;

/// <summary>The building blocks new endpoints call: JSON calls with any content, raw body streams, typed event streams.</summary>
public sealed class ChatGptTransportTests
{
    private const string ModelJson = """{"id":"file-abc","object":"model","created":1,"owned_by":"user"}""";

    [Fact]
    public async Task SendJsonAsync_MultipartPost_SendsTheHeadersAndContentAndReadsTheResult()
    {
        HttpRequestMessage? sent = null;
        string? body = null;
        var transport = CreateSut(async (request, token) =>
        {
            sent = request;
            body = await request.Content!.ReadAsStringAsync(token);
            return Json(ModelJson);
        }, options => { options.Organization = "org-1"; options.Project = "proj-1"; });
        using var content = new MultipartFormDataContent { { new ByteArrayContent("hello"u8.ToArray()), "file", "a.txt" }, { new StringContent("fine-tune"), "purpose" } };

        var result = await transport.SendJsonAsync(HttpMethod.Post, transport.CreateUri("files"), content, ChatGptJsonContext.Default.Model, transport.CreateContext("files.upload"), CancellationToken.None);

        Assert.Equal("file-abc", result.Id);
        Assert.Equal(new Uri(TestClients.BaseUrl + "files"), sent!.RequestUri);
        Assert.Equal("Bearer", sent.Headers.Authorization?.Scheme);
        Assert.Equal("org-1", sent.Headers.GetValues("OpenAI-Organization").Single());
        Assert.Equal("proj-1", sent.Headers.GetValues("OpenAI-Project").Single());
        Assert.StartsWith("ChatGptClient/", sent.Headers.UserAgent.ToString(), StringComparison.Ordinal);
        Assert.Contains("name=file; filename=a.txt", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task SendJsonAsync_WithoutBody_UsesTheMethod(string method)
    {
        HttpMethod? seen = null;
        var transport = CreateSut((request, _) =>
        {
            seen = request.Method;
            return Task.FromResult(Json(ModelJson));
        });

        await transport.SendJsonAsync(new HttpMethod(method), transport.CreateUri("files/file-abc"), null, ChatGptJsonContext.Default.Model, transport.CreateContext("files.get"), CancellationToken.None);

        Assert.Equal(method, seen?.Method);
    }

    [Fact]
    public async Task SendJsonAsync_AnyOperationName_NamesTheSpanAndLeavesGenAiMetricsAlone()
    {
        using var recorder = new ActivityRecorder();
        var transport = CreateSut((_, _) => Task.FromResult(Json(ModelJson)));

        await transport.SendJsonAsync(HttpMethod.Get, transport.CreateUri("files"), null, ChatGptJsonContext.Default.Model, transport.CreateContext("files.list"), CancellationToken.None);

        var span = recorder.Single();
        Assert.Equal("files.list", span.DisplayName);
        Assert.Equal("files.list", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
    }

    [Fact]
    public async Task SendJsonAsync_ErrorStatus_ChatGptExceptionWithTheApiError()
    {
        var transport = CreateSut((_, _) => Task.FromResult(Json("""{"error":{"message":"No such file","type":"invalid_request_error","code":"not_found"}}""", HttpStatusCode.NotFound)));

        var error = await Assert.ThrowsAsync<ChatGptException>(() => transport.SendJsonAsync(HttpMethod.Get, transport.CreateUri("files/x"), null, ChatGptJsonContext.Default.Model, transport.CreateContext("files.get"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("not_found", error.ErrorCode);
        Assert.StartsWith("No such file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendForStreamAsync_Body_ReadAsItArrivesAndDisposingDisposesTheResponse()
    {
        var content = new SlowContent("0123456789abcdef");
        var transport = CreateSut((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content }));

        var stream = await transport.SendForStreamAsync(HttpMethod.Get, transport.CreateUri("files/f/content"), null, transport.CreateContext("files.content", isStreaming: true), CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.False(content.Disposed);
        await stream.DisposeAsync();

        Assert.Equal("0123456789abcdef", Encoding.UTF8.GetString(copy.ToArray()));
        Assert.True(content.Disposed);
    }

    [Fact]
    public async Task SendForStreamAsync_ConnectionCut_ChatGptException()
    {
        var transport = CreateSut((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new SlowContent("partial", failAtEnd: true) }));
        await using var stream = await transport.SendForStreamAsync(HttpMethod.Get, transport.CreateUri("audio/speech"), null, transport.CreateContext("audio.speech", isStreaming: true), CancellationToken.None);

        var error = await Assert.ThrowsAsync<ChatGptException>(() => stream.CopyToAsync(Stream.Null));

        Assert.IsType<IOException>(error.InnerException);
        Assert.Contains("cut after 7 byte(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendForStreamAsync_Stalled_FailsAfterTheIdleTimeout()
    {
        var time = new FakeTimeProvider();
        var transport = CreateSut((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new SlowContent("abc", stallAt: 2) }), time: time);
        await using var stream = await transport.SendForStreamAsync(HttpMethod.Get, transport.CreateUri("files/f/content"), null, transport.CreateContext("files.content", isStreaming: true), CancellationToken.None);
        var buffer = new byte[16];
        await stream.ReadAtLeastAsync(buffer, 2);

        var read = stream.ReadAsync(buffer).AsTask();
        time.Advance(transport.Options.ResponseBodyIdleTimeout - TimeSpan.FromMilliseconds(1));
        Assert.False(read.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        var error = await Assert.ThrowsAsync<ChatGptException>(() => read);
        Assert.IsType<TimeoutException>(error.InnerException);
    }

    [Fact]
    public async Task StreamEventsAsync_TypedByTheTypeField_YieldsUntilTheLastType()
    {
        const string sse = """
            data: {"type":"transcript.text.delta","delta":"Hel"}

            : keep-alive

            data: {"type":"transcript.text.delta","delta":"lo"}

            data: {"type":"transcript.text.done","text":"Hello"}


            """;
        var transport = CreateSut((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new SlowContent(sse) }));

        var events = new List<TestEvent>();
        await foreach (var item in transport.StreamEventsAsync(HttpMethod.Post, transport.CreateUri("audio/transcriptions"), () => null, _ => ServerSentEventReader.ByType(TestEventContext.Default.TestEvent, static type => type == "transcript.text.done"), transport.CreateContext("audio.transcription", isStreaming: true), null, CancellationToken.None))
        {
            events.Add(item);
        }

        Assert.Equal(["transcript.text.delta", "transcript.text.delta", "transcript.text.done"], events.Select(e => e.Type));
        Assert.Equal("Hello", events[^1].Text);
    }

    [Fact]
    public async Task StreamEventsAsync_TypedByTheEventName_ErrorEventFailsTheStream()
    {
        const string sse = """
            event: speech.audio.delta
            data: {"audio":"AAAA"}

            event: error
            data: {"error":{"message":"voice unavailable","code":"bad_voice"}}


            """;
        var transport = CreateSut((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new SlowContent(sse) }));
        var received = 0;

        var error = await Assert.ThrowsAsync<ChatGptException>(async () =>
        {
            await foreach (var item in transport.StreamEventsAsync(HttpMethod.Post, transport.CreateUri("audio/speech"), () => null, _ => ServerSentEventReader.ByType(TestEventContext.Default.TestEvent, static type => type == "speech.audio.done"), transport.CreateContext("audio.speech", isStreaming: true), _ => received++, CancellationToken.None))
            {
            }
        });

        Assert.Equal(1, received);
        Assert.Equal("bad_voice", error.ErrorCode);
    }

    [Fact]
    public async Task StreamEventsAsync_EndsBeforeTheLastType_StreamCut()
    {
        const string sse = "data: {\"type\":\"transcript.text.delta\",\"delta\":\"Hel\"}\n\n";
        var transport = CreateSut((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new SlowContent(sse) }));

        var error = await Assert.ThrowsAsync<ChatGptException>(async () =>
        {
            await foreach (var item in transport.StreamEventsAsync(HttpMethod.Post, transport.CreateUri("audio/transcriptions"), () => null, _ => ServerSentEventReader.ByType(TestEventContext.Default.TestEvent, static type => type == "transcript.text.done"), transport.CreateContext("audio.transcription", isStreaming: true), null, CancellationToken.None))
            {
            }
        });

        Assert.Contains("cut before", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadType_FindsTheTopLevelTypeOnly()
    {
        Assert.Equal("b", ServerSentEventReader.ReadType("""{"nested":{"type":"a"},"type":"b"}"""u8));
        Assert.Null(ServerSentEventReader.ReadType("""{"type":3}"""u8));
        Assert.Null(ServerSentEventReader.ReadType("[1]"u8));
    }

    [Fact]
    public void CreateContext_FiniteTimeout_DeadlineOnTheInjectedClock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var transport = CreateSut((_, _) => throw new InvalidOperationException(), options => options.Timeout = TimeSpan.FromSeconds(30), time);

        var context = transport.CreateContext("files.list");

        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(30), context.Deadline);
        Assert.Equal(TimeSpan.FromSeconds(30), context.Timeout);
    }

    internal static ChatGptTransport CreateSut(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, Action<ChatGptOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new ChatGptOptions { ApiKey = TestClients.ApiKey, BaseAddress = new Uri(TestClients.BaseUrl) };
        configure?.Invoke(options);
        return new ChatGptTransport(new HttpClient(new LambdaHandler(send)), options, time, null, null);
    }

    private static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, new MediaTypeHeaderValue("application/json")) };

    internal sealed class LambdaHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => send(request, cancellationToken);
    }
}

internal sealed class TestEvent
{
    public string? Type { get; set; }

    public string? Delta { get; set; }

    public string? Text { get; set; }

    public string? Audio { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TestEvent))]
internal sealed partial class TestEventContext : JsonSerializerContext;
