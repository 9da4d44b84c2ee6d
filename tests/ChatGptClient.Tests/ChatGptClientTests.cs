using System.Net;
using System.Text;
using ChatGpt.Chat;
using ChatGpt.Completions;
using ChatGpt.Tests.TestSupport;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace ChatGpt.Tests;

public sealed class ChatGptClientTests
{
    private static ChatCompletionRequest Hello() => new() { Messages = [ChatMessage.User("Hello!")] };

    [Fact]
    public async Task CreateChatCompletionAsync_RealisticBody_ParsesEveryField()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, TestClients.BaseUrl + "chat/completions").Respond("application/json", Bodies.ChatCompletion);
        var client = TestClients.Create(mock);

        var completion = await client.CreateChatCompletionAsync(Hello());

        Assert.Equal("chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT", completion.Id);
        Assert.Equal("chat.completion", completion.Object);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1741569952), completion.Created);
        Assert.Equal("gpt-4.1-2025-04-14", completion.Model);
        Assert.Equal("fp_abc123", completion.SystemFingerprint);
        Assert.Equal("default", completion.ServiceTier);
        var choice = Assert.Single(completion.Choices);
        Assert.Equal(0, choice.Index);
        Assert.Equal("stop", choice.FinishReason);
        Assert.Equal(ChatRole.Assistant, choice.Message.Role);
        Assert.Equal("Hello! How can I assist you today?", choice.Message.Content);
        Assert.Null(choice.Message.Refusal);
        Assert.Equal("Hello! How can I assist you today?", completion.Content);
        Assert.Equal(19, completion.Usage!.PromptTokens);
        Assert.Equal(10, completion.Usage.CompletionTokens);
        Assert.Equal(29, completion.Usage.TotalTokens);
        Assert.Equal(0, completion.Usage.PromptTokensDetails!.CachedTokens);
        Assert.Equal(0, completion.Usage.CompletionTokensDetails!.ReasoningTokens);
    }

    [Fact]
    public async Task CreateChatCompletionAsync_ToolCallAnswer_ParsesToolCalls()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", Bodies.ToolCallCompletion);
        var client = TestClients.Create(mock);

        var completion = await client.CreateChatCompletionAsync(Hello());

        Assert.Null(completion.Content);
        Assert.Equal("tool_calls", completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal("call_abc123", call.Id);
        Assert.Equal("function", call.Type);
        Assert.Equal("get_current_weather", call.Function!.Name);
        Assert.Contains("Boston, MA", call.Function.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateChatCompletionAsync_Always_SendsAuthenticationAndProtocolHeaders()
    {
        var mock = new MockHttpMessageHandler();
        HttpRequestMessage? seen = null;
        mock.When(HttpMethod.Post, "https://api.example.test/v1/chat/completions")
            .With(request => { seen = request; return true; })
            .Respond("application/json", Bodies.ChatCompletion);
        var client = TestClients.Create(mock, o => { o.Organization = "org-123"; o.Project = "proj_456"; });

        await client.CreateChatCompletionAsync(Hello());

        Assert.NotNull(seen);
        Assert.Equal("Bearer", seen!.Headers.Authorization!.Scheme);
        Assert.Equal(TestClients.ApiKey, seen.Headers.Authorization.Parameter);
        Assert.Equal("org-123", Assert.Single(seen.Headers.GetValues("OpenAI-Organization")));
        Assert.Equal("proj_456", Assert.Single(seen.Headers.GetValues("OpenAI-Project")));
        Assert.Equal("application/json", seen.Headers.Accept.Single().MediaType);
        Assert.Equal("application/json", seen.Content!.Headers.ContentType!.MediaType);
        Assert.StartsWith("ChatGptClient/", seen.Headers.UserAgent.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateChatCompletionAsync_NoOrganizationOrProject_SendsNeitherHeader()
    {
        var mock = new MockHttpMessageHandler();
        HttpRequestMessage? seen = null;
        mock.When("*").With(request => { seen = request; return true; }).Respond("application/json", Bodies.ChatCompletion);

        await TestClients.Create(mock).CreateChatCompletionAsync(Hello());

        Assert.False(seen!.Headers.Contains("OpenAI-Organization"));
        Assert.False(seen.Headers.Contains("OpenAI-Project"));
    }

    [Fact]
    public async Task CreateChatCompletionAsync_BaseAddressWithoutTrailingSlash_KeepsVersionSegment()
    {
        var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Post, "http://127.0.0.1:11434/v1/chat/completions").Respond("application/json", Bodies.ChatCompletion);
        var client = TestClients.Create(mock, o => { o.BaseAddress = new Uri("http://127.0.0.1:11434/v1"); o.ApiKey = null; });

        await client.CreateChatCompletionAsync(Hello());

        mock.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task CreateChatCompletionAsync_NoModel_UsesDefaultModelWithoutChangingTheRequest()
    {
        var mock = new MockHttpMessageHandler();
        string? body = null;
        mock.When("*").CaptureBody(b => body = b).Respond("application/json", Bodies.ChatCompletion);
        var client = TestClients.Create(mock, o => o.DefaultModel = "my-default");
        var request = Hello();

        await client.CreateChatCompletionAsync(request);

        Assert.Equal("""{"model":"my-default","messages":[{"role":"user","content":"Hello!"}]}""", body);
        Assert.Null(request.Model);
    }

    [Fact]
    public async Task CreateChatCompletionAsync_StreamOptionsSet_DropsThemFromNonStreamingCall()
    {
        var mock = new MockHttpMessageHandler();
        string? body = null;
        mock.When("*").CaptureBody(b => body = b).Respond("application/json", Bodies.ChatCompletion);
        var request = Hello();
        request.Model = "gpt-4o";
        request.StreamOptions = new ChatStreamOptions { IncludeUsage = true };

        await TestClients.Create(mock).CreateChatCompletionAsync(request);

        Assert.Equal("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hello!"}]}""", body);
        Assert.NotNull(request.StreamOptions);
    }

    [Fact]
    public async Task CreateChatCompletionAsync_NoMessages_ThrowsArgumentException()
    {
        var client = TestClients.Create(new MockHttpMessageHandler());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.CreateChatCompletionAsync(new ChatCompletionRequest { Model = "gpt-4o" }));

        Assert.Contains("at least one message", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateChatCompletionAsync_NoModelAndNoDefault_ThrowsArgumentException()
    {
        var client = TestClients.Create(new MockHttpMessageHandler(), o => o.DefaultModel = null);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.CreateChatCompletionAsync(Hello()));

        Assert.Contains("DefaultModel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateChatCompletionAsync_NullRequest_ThrowsArgumentNullException()
    {
        var client = TestClients.Create(new MockHttpMessageHandler());

        await Assert.ThrowsAsync<ArgumentNullException>(() => client.CreateChatCompletionAsync(null!));
    }

    [Fact]
    public async Task CreateChatCompletionAsync_RateLimitError_ThrowsWithEveryErrorField()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent(Bodies.RateLimitError, Encoding.UTF8, "application/json") };
            response.Headers.Add("x-request-id", "req_abc123");
            response.Headers.Add("retry-after-ms", "1500");
            response.Headers.Add("Retry-After", "2");
            return response;
        });

        var error = await Assert.ThrowsAsync<ChatGptException>(() => TestClients.Create(mock).CreateChatCompletionAsync(Hello()));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal("requests", error.ErrorType);
        Assert.Equal("rate_limit_exceeded", error.ErrorCode);
        Assert.Null(error.Param);
        Assert.Equal("req_abc123", error.RequestId);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), error.RetryAfter);
        Assert.StartsWith("Rate limit reached for gpt-4o-mini", error.Message, StringComparison.Ordinal);
        Assert.Contains("req_abc123", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateChatCompletionAsync_InvalidRequest_SurfacesParamAndType()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(HttpStatusCode.BadRequest, "application/json", Bodies.InvalidRequestError);

        var error = await Assert.ThrowsAsync<ChatGptException>(() => TestClients.Create(mock).CreateChatCompletionAsync(Hello()));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("invalid_request_error", error.ErrorType);
        Assert.Equal("invalid_value", error.ErrorCode);
        Assert.Equal("temperature", error.Param);
        Assert.Null(error.RetryAfter);
    }

    [Fact]
    public async Task CreateChatCompletionAsync_RetryAfterSeconds_IsReadWhenNoMilliseconds()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("{}") };
            response.Headers.Add("Retry-After", "7");
            return response;
        });

        var error = await Assert.ThrowsAsync<ChatGptException>(() => TestClients.Create(mock).CreateChatCompletionAsync(Hello()));

        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    [Fact]
    public async Task CreateChatCompletionAsync_HtmlErrorBody_MessageHasStatusAndFirstBytes()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(HttpStatusCode.BadGateway, "text/html", "<html><body><h1>502 Bad Gateway</h1>" + new string('x', 5000) + "</body></html>");

        var error = await Assert.ThrowsAsync<ChatGptException>(() => TestClients.Create(mock).CreateChatCompletionAsync(Hello()));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Contains("HTTP 502", error.Message, StringComparison.Ordinal);
        Assert.Contains("<h1>502 Bad Gateway</h1>", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 1000, "The quoted body is cut.");
    }

    [Fact]
    public async Task CreateChatCompletionAsync_EmptyErrorBody_SaysSo()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(HttpStatusCode.InternalServerError);

        var error = await Assert.ThrowsAsync<ChatGptException>(() => TestClients.Create(mock).CreateChatCompletionAsync(Hello()));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Contains("empty body", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"error":"model 'llama9' not found"}""", "model 'llama9' not found")]
    [InlineData("""{"detail":"Not authenticated"}""", "Not authenticated")]
    [InlineData("""{"error":{"message":"boom","code":500}}""", "boom")]
    public async Task CreateChatCompletionAsync_CompatibleServerErrorShapes_KeepTheirMessage(string body, string expected)
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(HttpStatusCode.NotFound, "application/json", body);

        var error = await Assert.ThrowsAsync<ChatGptException>(() => TestClients.Create(mock).CreateChatCompletionAsync(Hello()));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateChatCompletionAsync_ServerEchoesTheKey_KeyIsRedacted()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(HttpStatusCode.Unauthorized, "application/json",
            $$$"""{"error":{"message":"Incorrect API key provided: {{{TestClients.ApiKey}}}.","type":"invalid_request_error","code":"invalid_api_key"}}""");

        var error = await Assert.ThrowsAsync<ChatGptException>(() => TestClients.Create(mock).CreateChatCompletionAsync(Hello()));

        Assert.DoesNotContain(TestClients.ApiKey, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.ApiKey, error.ToString(), StringComparison.Ordinal);
        Assert.Equal("invalid_api_key", error.ErrorCode);
    }

    [Fact]
    public async Task CreateChatCompletionAsync_InsufficientQuota_SaysRetryingWillNotHelp()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(HttpStatusCode.TooManyRequests, "application/json",
            """{"error":{"message":"You exceeded your current quota.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}""");

        var error = await Assert.ThrowsAsync<ChatGptException>(() => TestClients.Create(mock, o => o.Resilience.Enabled = false).CreateChatCompletionAsync(Hello()));

        Assert.Equal("insufficient_quota", error.ErrorCode);
        Assert.Contains("Retrying will not help", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hel")]
    [InlineData("<html>not json</html>")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("{\"id\":\"x\",\"object\":\"chat.completion\"}")]
    [InlineData("{\"id\":\"x\",\"choices\":\"oops\"}")]
    [InlineData("{\"id\":\"x\",\"created\":\"yesterday\",\"choices\":[]}")]
    public async Task CreateChatCompletionAsync_MalformedOrTruncatedBody_ThrowsChatGptException(string body)
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });

        var error = await Assert.ThrowsAsync<ChatGptException>(() => TestClients.Create(mock).CreateChatCompletionAsync(Hello()));

        Assert.Contains("could not be read", error.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.True(error.Message.Length < 1000, "The message stays short.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData(4096L)]
    [InlineData(8L * 1024 * 1024)]
    public async Task CreateChatCompletionAsync_BodyEndsBeforeItsDeclaredLength_ThrowsChatGptException(long? declaredLength)
    {
        // Small declared lengths are parsed from one buffer, large or unknown ones as they stream: both must fail cleanly.
        var truncated = Encoding.UTF8.GetBytes("{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hel");
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ =>
        {
            var content = new StreamContent(new MemoryStream(truncated));
            content.Headers.ContentType = new("application/json");
            content.Headers.ContentLength = declaredLength;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });

        var error = await Assert.ThrowsAsync<ChatGptException>(() => TestClients.Create(mock).CreateChatCompletionAsync(Hello()));

        Assert.Contains("could not be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateChatCompletionAsync_BodyLongerThanItsDeclaredLength_IsReadWhole()
    {
        // A handler between the client and the wire (e.g. a decompressor) may leave a Content-Length that is too short.
        var body = Encoding.UTF8.GetBytes("""{"id":"x","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"All of it."}}]}""");
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ =>
        {
            var content = new StreamContent(new MemoryStream(body));
            content.Headers.ContentType = new("application/json");
            content.Headers.ContentLength = 20;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });

        var completion = await TestClients.Create(mock).CreateChatCompletionAsync(Hello());

        Assert.Equal("All of it.", completion.Content);
    }

    [Fact]
    public async Task CreateChatCompletionAsync_ConnectionFails_ThrowsChatGptException()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Throw(new HttpRequestException("Connection refused (127.0.0.1:1)"));

        var error = await Assert.ThrowsAsync<ChatGptException>(() => TestClients.Create(mock).CreateChatCompletionAsync(Hello()));

        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task CreateChatCompletionAsync_LargeLogprobsAnswer_Parses()
    {
        const int tokens = 40_000;
        var json = new StringBuilder("""{"id":"big","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":""").Append('"');
        json.Append(string.Concat(Enumerable.Repeat("tok ", tokens))).Append("\"},\"logprobs\":{\"content\":[");
        for (var i = 0; i < tokens; i++)
        {
            json.Append(i == 0 ? string.Empty : ",").Append("""{"token":"tok ","logprob":-0.25,"bytes":[116,111,107,32],"top_logprobs":[{"token":"tok ","logprob":-0.25,"bytes":[116,111,107,32]},{"token":"tik","logprob":-3.5,"bytes":null}]}""");
        }

        json.Append("]}}]}");
        Assert.True(json.Length > 6_000_000, $"The body is many megabytes ({json.Length}).");
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", json.ToString());

        var completion = await TestClients.Create(mock).CreateChatCompletionAsync(Hello());

        Assert.Equal(tokens, completion.Choices[0].Logprobs!.Content!.Count);
        Assert.Equal(2, completion.Choices[0].Logprobs!.Content![tokens - 1].TopLogprobs.Count);
        Assert.Equal(tokens * 4, completion.Content!.Length);
    }

    [Fact]
    public async Task CreateChatCompletionAsync_CancelledWhileWaiting_ThrowsOperationCanceled()
    {
        var mock = new MockHttpMessageHandler();
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        mock.When("*").Respond(async () =>
        {
            // The server never answers (the guard only ends a broken test's server).
            received.TrySetResult();
            await Task.Delay(Timeout.Infinite, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        using var cts = new CancellationTokenSource();

        var call = TestClients.Create(mock).CreateChatCompletionAsync(Hello(), cts.Token);
        await received.Task;
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task CreateChatCompletionAsync_ServerNeverAnswers_TimesOutOnTheInjectedClock()
    {
        var time = new FakeTimeProvider();
        var handler = new StallingHandler();
        var client = new ChatGptClient(new HttpClient(handler), Options.Create(new ChatGptOptions { ApiKey = TestClients.ApiKey, Timeout = TimeSpan.FromSeconds(30) }), time);

        var call = client.CreateChatCompletionAsync(Hello());
        await handler.Entered.Task;
        time.Advance(TimeSpan.FromSeconds(31));
        var error = await Assert.ThrowsAsync<ChatGptException>(() => call);

        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateCompletionAsync_SeedExample_SendsExactWireJsonAndReadsText()
    {
        var mock = new MockHttpMessageHandler();
        string? body = null;
        mock.When(HttpMethod.Post, TestClients.BaseUrl + "completions").CaptureBody(b => body = b).Respond("application/json", Bodies.Completion);

        var completion = await TestClients.Create(mock).CreateCompletionAsync(new CompletionRequest
        {
            Model = "davinci-002",
            Prompt = "Say this is a test",
            MaxTokens = 60,
            Temperature = 0.5f,
            Stop = null,
            FrequencyPenalty = 0,
            PresencePenalty = 0,
        });

        Assert.Equal("""{"model":"davinci-002","prompt":"Say this is a test","max_tokens":60,"temperature":0.5,"presence_penalty":0,"frequency_penalty":0}""", body);
        Assert.Equal("\n\nThis is indeed a test", completion.Text);
        Assert.Equal("length", completion.Choices[0].FinishReason);
        Assert.Equal(12, completion.Usage!.TotalTokens);
        Assert.Equal("fp_44709d6fcb", completion.SystemFingerprint);
    }

    [Fact]
    public async Task CreateCompletionAsync_NoModel_UsesDefaultCompletionModel()
    {
        var mock = new MockHttpMessageHandler();
        string? body = null;
        mock.When("*").CaptureBody(b => body = b).Respond("application/json", Bodies.Completion);

        await TestClients.Create(mock).CreateCompletionAsync(new CompletionRequest { Prompts = ["a", "b"] });

        Assert.Equal("""{"model":"gpt-3.5-turbo-instruct","prompt":["a","b"]}""", body);
    }

    [Fact]
    public async Task ListModelsAsync_ListBody_ReturnsModels()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.BaseUrl + "models").Respond("application/json", Bodies.Models);

        var models = await TestClients.Create(mock).ListModelsAsync();

        Assert.Equal(["model-id-0", "model-id-1"], models.Select(m => m.Id));
        Assert.Equal("organization-owner", models[0].OwnedBy);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1686935002), models[0].Created);
    }

    [Fact]
    public async Task ListModelsAsync_BodyWithoutData_ThrowsChatGptException()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", """{"object":"list"}""");

        await Assert.ThrowsAsync<ChatGptException>(() => TestClients.Create(mock).ListModelsAsync());
    }

    [Fact]
    public void Constructor_RemoteServerWithoutKey_ThrowsOptionsValidationException()
    {
        var previous = Environment.GetEnvironmentVariable(ChatGptOptions.ApiKeyEnvironmentVariable);
        if (!string.IsNullOrEmpty(previous))
        {
            return; // The machine has a key: this case cannot be observed here.
        }

        var error = Assert.Throws<OptionsValidationException>(() => new ChatGptClient(new HttpClient(), Options.Create(new ChatGptOptions())));

        Assert.Contains("ApiKey is required", error.Message, StringComparison.Ordinal);
    }

    private sealed class StallingHandler : HttpMessageHandler
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
