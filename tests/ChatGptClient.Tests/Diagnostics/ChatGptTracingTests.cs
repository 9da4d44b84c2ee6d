using System.Diagnostics;
using System.Net;
using ChatGpt.Chat;
using ChatGpt.Completions;
using ChatGpt.Diagnostics;
using RichardSzalay.MockHttp;

namespace ChatGpt.Tests.Diagnostics;

public sealed class ChatGptTracingTests
{
    [Fact]
    public async Task CreateChatCompletionAsync_Success_EmitsClientSpanWithGenAiTags()
    {
        using var harness = new TelemetryHarness();
        harness.RespondJson(TelemetryHarness.ChatUrl, TelemetryHarness.ChatJson);
        using var recorder = new ActivityRecorder();
        var request = TelemetryHarness.ChatRequest();
        request.MaxCompletionTokens = 100;
        request.Temperature = 0.7f;
        request.TopP = 0.9f;
        request.Stop = ["END"];
        request.Seed = 42;
        request.ServiceTier = ChatServiceTier.Flex;

        await harness.Client.CreateChatCompletionAsync(request);

        var span = recorder.Single();
        Assert.Equal("chat gpt-4o-mini", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal(ChatGptDiagnostics.ActivitySourceName, span.Source.Name);
        Assert.Equal(recorder.Root.SpanId, span.ParentSpanId);
        var expected = new Dictionary<string, object?>
        {
            ["gen_ai.operation.name"] = "chat",
            ["gen_ai.provider.name"] = "openai",
            ["gen_ai.system"] = "openai",
            ["gen_ai.request.model"] = "gpt-4o-mini",
            ["server.address"] = TelemetryHarness.Host,
            ["server.port"] = 443,
            ["gen_ai.request.max_tokens"] = 100,
            ["gen_ai.request.temperature"] = 0.7,
            ["gen_ai.request.top_p"] = 0.9,
            ["gen_ai.request.stop_sequences"] = new[] { "END" },
            ["gen_ai.request.seed"] = 42L,
            ["openai.request.service_tier"] = "flex",
            ["gen_ai.response.id"] = "chatcmpl-123",
            ["gen_ai.response.model"] = "gpt-4o-mini-2024-07-18",
            ["gen_ai.response.finish_reasons"] = new[] { "stop" },
            ["gen_ai.usage.input_tokens"] = 12,
            ["gen_ai.usage.output_tokens"] = 5,
            ["openai.response.service_tier"] = "default",
            ["openai.response.system_fingerprint"] = "fp_44709d6fcb",
            ["openai.response.request_id"] = "req_abc123",
            ["http.response.status_code"] = 200,
        };
        Assert.Equal(expected.OrderBy(static p => p.Key), span.TagObjects.OrderBy(static p => p.Key));
    }

    [Fact]
    public async Task CreateChatCompletionAsync_Success_DoesNotLeakSpanIntoCaller()
    {
        using var harness = new TelemetryHarness();
        harness.RespondJson(TelemetryHarness.ChatUrl, TelemetryHarness.ChatJson);
        using var recorder = new ActivityRecorder();

        await harness.Client.CreateChatCompletionAsync(TelemetryHarness.ChatRequest());

        Assert.Same(recorder.Root, Activity.Current);
    }

    [Fact]
    public async Task CreateChatCompletionAsync_ServerError_SpanHasErrorStatusAndErrorType()
    {
        using var harness = new TelemetryHarness();
        harness.RespondJson(TelemetryHarness.ChatUrl, """{"error":{"message":"Unknown parameter: 'foo'.","type":"invalid_request_error","code":"unknown_parameter"}}""", status: HttpStatusCode.BadRequest);
        using var recorder = new ActivityRecorder();

        var error = await Assert.ThrowsAsync<ChatGptException>(() => harness.Client.CreateChatCompletionAsync(TelemetryHarness.ChatRequest()));

        var span = recorder.Single();
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(error.Message, span.StatusDescription);
        Assert.Equal("400", span.GetTagItem("error.type"));
        Assert.Equal(400, span.GetTagItem("http.response.status_code"));
        Assert.Equal("req_abc123", span.GetTagItem("openai.response.request_id"));
        Assert.Null(span.GetTagItem("gen_ai.usage.input_tokens"));
        var exceptionEvent = Assert.Single(span.Events, static e => e.Name == "exception");
        Assert.Contains(exceptionEvent.Tags, static t => t.Key == "exception.type" && Equals(t.Value, typeof(ChatGptException).FullName));
    }

    [Fact]
    public async Task CreateChatCompletionAsync_ConnectionFails_ErrorTypeIsExceptionType()
    {
        using var harness = new TelemetryHarness();
        harness.Handler.When(TelemetryHarness.ChatUrl).Throw(new HttpRequestException("Connection refused"));
        using var recorder = new ActivityRecorder();

        await Assert.ThrowsAsync<ChatGptException>(() => harness.Client.CreateChatCompletionAsync(TelemetryHarness.ChatRequest()));

        var span = recorder.Single();
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(typeof(HttpRequestException).FullName, span.GetTagItem("error.type"));
    }

    [Fact]
    public async Task CreateChatCompletionAsync_LogContentOff_SpanHasNoContent()
    {
        using var harness = new TelemetryHarness();
        harness.RespondJson(TelemetryHarness.ChatUrl, TelemetryHarness.ChatJson);
        using var recorder = new ActivityRecorder();

        await harness.Client.CreateChatCompletionAsync(TelemetryHarness.ChatRequest());

        var span = recorder.Single();
        Assert.Null(span.GetTagItem("gen_ai.input.messages"));
        Assert.Null(span.GetTagItem("gen_ai.output.messages"));
        Assert.DoesNotContain(span.TagObjects, static t => t.Value is string s && (s.Contains(TelemetryHarness.Prompt, StringComparison.Ordinal) || s.Contains("Fredville", StringComparison.Ordinal)));
        Assert.Empty(span.Events);
    }

    [Fact]
    public async Task CreateChatCompletionAsync_LogContentOn_SpanCarriesInputAndOutputMessages()
    {
        using var harness = new TelemetryHarness(static o => o.LogContent = true);
        harness.RespondJson(TelemetryHarness.ChatUrl, TelemetryHarness.ChatJson);
        using var recorder = new ActivityRecorder();

        await harness.Client.CreateChatCompletionAsync(TelemetryHarness.ChatRequest());

        var span = recorder.Single();
        Assert.Equal(
            """[{"role":"system","parts":[{"type":"text","content":"Answer briefly."}]},{"role":"user","parts":[{"type":"text","content":"What is the capital of Freedonia?"}]}]""",
            span.GetTagItem("gen_ai.input.messages"));
        Assert.Equal(
            """[{"role":"assistant","parts":[{"type":"text","content":"Freedonia's capital is Fredville."}],"finish_reason":"stop"}]""",
            span.GetTagItem("gen_ai.output.messages"));
    }

    [Fact]
    public async Task StreamChatCompletionAsync_Success_SpanLastsUntilStreamEndsAndRecordsFirstChunk()
    {
        using var harness = new TelemetryHarness(static o => o.LogContent = true);
        harness.RespondStream(TelemetryHarness.ChatUrl, TelemetryHarness.ChatStreamEvents, latency: TimeSpan.FromSeconds(1.5));
        using var recorder = new ActivityRecorder();

        var chunks = 0;
        await foreach (var chunk in harness.Client.StreamChatCompletionAsync(TelemetryHarness.ChatRequest()))
        {
            chunks++;
            Assert.Empty(recorder.Stopped);
            Assert.Same(recorder.Root, Activity.Current);
        }

        Assert.Equal(3, chunks);
        var span = recorder.Single();
        Assert.Equal("chat gpt-4o-mini", span.DisplayName);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal("chatcmpl-s1", span.GetTagItem("gen_ai.response.id"));
        Assert.Equal("gpt-4o-mini-2024-07-18", span.GetTagItem("gen_ai.response.model"));
        Assert.Equal(new[] { "stop" }, span.GetTagItem("gen_ai.response.finish_reasons"));
        Assert.Equal(12, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(2, span.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal(1.5, span.GetTagItem("gen_ai.response.time_to_first_chunk"));
        Assert.Equal("req_abc123", span.GetTagItem("openai.response.request_id"));
        Assert.Single(span.Events, static e => e.Name == "gen_ai.first_chunk");
        Assert.Equal(
            """[{"role":"assistant","parts":[{"type":"text","content":"Fredville."}],"finish_reason":"stop"}]""",
            span.GetTagItem("gen_ai.output.messages"));
    }

    [Fact]
    public async Task StreamChatCompletionAsync_DisposedEarly_SpanEndsWithoutError()
    {
        using var harness = new TelemetryHarness();
        harness.RespondStream(TelemetryHarness.ChatUrl, TelemetryHarness.ChatStreamEvents);
        using var recorder = new ActivityRecorder();

        await foreach (var chunk in harness.Client.StreamChatCompletionAsync(TelemetryHarness.ChatRequest()))
        {
            break;
        }

        var span = recorder.Single();
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal("chatcmpl-s1", span.GetTagItem("gen_ai.response.id"));
        Assert.Null(span.GetTagItem("gen_ai.usage.input_tokens"));
    }

    [Fact]
    public async Task StreamChatCompletionAsync_NeverEnumerated_EmitsNoSpan()
    {
        using var harness = new TelemetryHarness();
        harness.RespondStream(TelemetryHarness.ChatUrl, TelemetryHarness.ChatStreamEvents);
        using var recorder = new ActivityRecorder();

        _ = harness.Client.StreamChatCompletionAsync(TelemetryHarness.ChatRequest());
        await harness.Client.StreamChatCompletionAsync(TelemetryHarness.ChatRequest()).GetAsyncEnumerator().DisposeAsync();

        Assert.Empty(recorder.Stopped);
    }

    [Fact]
    public async Task StreamChatCompletionAsync_ErrorEvent_SpanHasError()
    {
        using var harness = new TelemetryHarness();
        harness.RespondStream(TelemetryHarness.ChatUrl, [TelemetryHarness.ChatStreamEvents[0], """{"error":{"message":"The server had an error.","type":"server_error","code":"server_error"}}"""]);
        using var recorder = new ActivityRecorder();

        await Assert.ThrowsAsync<ChatGptException>(async () =>
        {
            await foreach (var chunk in harness.Client.StreamChatCompletionAsync(TelemetryHarness.ChatRequest()))
            {
            }
        });

        var span = recorder.Single();
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("server_error", span.GetTagItem("error.type"));
        Assert.Equal("chatcmpl-s1", span.GetTagItem("gen_ai.response.id"));
    }

    [Fact]
    public async Task CreateCompletionAsync_Success_EmitsTextCompletionSpan()
    {
        using var harness = new TelemetryHarness();
        harness.RespondJson(TelemetryHarness.CompletionsUrl, TelemetryHarness.CompletionJson);
        using var recorder = new ActivityRecorder();

        await harness.Client.CreateCompletionAsync(new CompletionRequest { Model = "gpt-3.5-turbo-instruct", Prompt = "Capital of Freedonia:", MaxTokens = 3 });

        var span = recorder.Single();
        Assert.Equal("text_completion gpt-3.5-turbo-instruct", span.DisplayName);
        Assert.Equal("text_completion", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal(3, span.GetTagItem("gen_ai.request.max_tokens"));
        Assert.Equal(new[] { "length" }, span.GetTagItem("gen_ai.response.finish_reasons"));
        Assert.Equal(7, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(3, span.GetTagItem("gen_ai.usage.output_tokens"));
    }

    [Fact]
    public async Task StreamChatCompletionAsync_HttpErrorBeforeFirstChunk_SpanHasErrorType()
    {
        using var harness = new TelemetryHarness();
        harness.RespondJson(TelemetryHarness.ChatUrl, """{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}""", status: HttpStatusCode.TooManyRequests);
        using var recorder = new ActivityRecorder();

        await Assert.ThrowsAsync<ChatGptException>(async () =>
        {
            await foreach (var chunk in harness.Client.StreamChatCompletionAsync(TelemetryHarness.ChatRequest()))
            {
            }
        });

        var span = recorder.Single();
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("429", span.GetTagItem("error.type"));
        Assert.Null(span.GetTagItem("gen_ai.response.time_to_first_chunk"));
    }

    [Fact]
    public async Task StreamCompletionAsync_Success_EmitsTextCompletionSpanWithFirstChunk()
    {
        using var harness = new TelemetryHarness();
        harness.RespondStream(
            TelemetryHarness.CompletionsUrl,
            [
                """{"id":"cmpl-s","object":"text_completion","created":1,"model":"gpt-3.5-turbo-instruct","choices":[{"index":0,"text":"Fred","finish_reason":null}]}""",
                """{"id":"cmpl-s","object":"text_completion","created":1,"model":"gpt-3.5-turbo-instruct","choices":[{"index":0,"text":"ville","finish_reason":"stop"}]}""",
            ],
            latency: TimeSpan.FromMilliseconds(250));
        using var recorder = new ActivityRecorder();

        await foreach (var item in harness.Client.StreamCompletionAsync(new CompletionRequest { Model = "gpt-3.5-turbo-instruct", Prompt = "Capital:" }))
        {
        }

        var span = recorder.Single();
        Assert.Equal("text_completion gpt-3.5-turbo-instruct", span.DisplayName);
        Assert.Equal("cmpl-s", span.GetTagItem("gen_ai.response.id"));
        Assert.Equal(new[] { "stop" }, span.GetTagItem("gen_ai.response.finish_reasons"));
        Assert.Equal(0.25, span.GetTagItem("gen_ai.response.time_to_first_chunk"));
    }

    [Fact]
    public async Task ListModelsAsync_Success_EmitsModelsSpan()
    {
        using var harness = new TelemetryHarness();
        harness.RespondJson("https://api.example.test/v1/models", """{"object":"list","data":[{"id":"gpt-4o-mini","object":"model","created":1,"owned_by":"openai"}]}""");
        using var recorder = new ActivityRecorder();

        await harness.Client.ListModelsAsync();

        var span = recorder.Single();
        Assert.Equal("models", span.DisplayName);
        Assert.Equal("models", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("req_abc123", span.GetTagItem("openai.response.request_id"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task Constructor_WithoutDependencyInjection_TracesAndAttachesResponseInfo()
    {
        using var harness = new TelemetryHarness();
        harness.RespondJson(TelemetryHarness.ChatUrl, TelemetryHarness.ChatJson);
        using var httpClient = new HttpClient(harness.Handler, disposeHandler: false);
        var client = new ChatGptClient(httpClient, Microsoft.Extensions.Options.Options.Create(new ChatGptOptions { ApiKey = TelemetryHarness.ApiKey, BaseAddress = new Uri($"https://{TelemetryHarness.Host}/v1/") }));
        using var recorder = new ActivityRecorder();

        var completion = await client.CreateChatCompletionAsync(TelemetryHarness.ChatRequest());

        Assert.Equal("chatcmpl-123", recorder.Single().GetTagItem("gen_ai.response.id"));
        Assert.Equal("req_abc123", completion.ResponseInfo!.RequestId);
    }
}
