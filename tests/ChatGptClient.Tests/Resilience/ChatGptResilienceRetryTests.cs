using System.Net;
using ChatGpt.Resilience;
using Microsoft.Extensions.DependencyInjection;

namespace ChatGpt.Tests.Resilience;

public class ChatGptResilienceRetryTests
{
    /// <summary>Whether the host logs Polly at Debug, so that every attempt runs on the pipeline with Polly's telemetry
    /// (see <see cref="ResilienceTestHost"/>); the tests run both ways.</summary>
    protected virtual bool ObservePolly => false;

    [Theory]
    [InlineData(408)]
    [InlineData(409)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(529)]
    public async Task CreateChatCompletion_TransientStatus_RetriedThenSucceeds(int status)
    {
        using var host = new ResilienceTestHost(ObservePolly, (attempt, _) => attempt == 0 ? ResilienceTestHost.Error(status, code: status == 429 ? "rate_limit_exceeded" : null) : ResilienceTestHost.Success());

        var result = await host.ChatAsync();

        Assert.Equal("hi", result.Content);
        Assert.Equal(2, host.Attempts.Count);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(422)]
    [InlineData(501)]
    [InlineData(505)]
    public async Task CreateChatCompletion_PermanentStatus_NotRetried(int status)
    {
        using var host = new ResilienceTestHost(ObservePolly, (_, _) => ResilienceTestHost.Error(status, code: "some_code"));

        var error = await host.ChatFailsAsync();

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Single(host.Attempts);
    }

    [Fact]
    public async Task CreateChatCompletion_InsufficientQuota429_FailsAtOnceWithClearMessage()
    {
        using var host = new ResilienceTestHost(ObservePolly, (_, _) => ResilienceTestHost.Error(429, code: "insufficient_quota", type: "insufficient_quota", ("retry-after-ms", "10")));

        var error = await host.ChatFailsAsync();

        Assert.Single(host.Attempts);
        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal("insufficient_quota", error.ErrorCode);
        Assert.Contains("quota", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CreateChatCompletion_SlowDown503_Retried()
    {
        using var host = new ResilienceTestHost(ObservePolly, (attempt, _) => attempt == 0 ? ResilienceTestHost.Error(503, code: "slow_down") : ResilienceTestHost.Success());

        await host.ChatAsync();

        Assert.Equal(2, host.Attempts.Count);
    }

    [Fact]
    public async Task CreateChatCompletion_ShouldRetryFalse_OverridesRetryableStatus()
    {
        using var host = new ResilienceTestHost(ObservePolly, (_, _) => ResilienceTestHost.Error(503, headers: ("x-should-retry", "false")));

        var error = await host.ChatFailsAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Single(host.Attempts);
    }

    [Fact]
    public async Task CreateChatCompletion_ShouldRetryTrue_OverridesPermanentStatus()
    {
        using var host = new ResilienceTestHost(ObservePolly, (attempt, _) => attempt == 0 ? ResilienceTestHost.Error(400, headers: ("x-should-retry", "true")) : ResilienceTestHost.Success());

        await host.ChatAsync();

        Assert.Equal(2, host.Attempts.Count);
    }

    [Fact]
    public async Task CreateChatCompletion_AlwaysFailing_StopsAfterMaxRetries()
    {
        using var host = new ResilienceTestHost(ObservePolly, (_, _) => ResilienceTestHost.Error(500));

        var error = await host.ChatFailsAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(1 + 3, host.Attempts.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    public async Task CreateChatCompletion_ConfiguredMaxRetries_Honoured(int maxRetries)
    {
        using var host = new ResilienceTestHost(ObservePolly, (_, _) => ResilienceTestHost.Error(502), o => o.Resilience.MaxRetries = maxRetries);

        await host.ChatFailsAsync();

        Assert.Equal(1 + maxRetries, host.Attempts.Count);
    }

    [Fact]
    public async Task CreateChatCompletion_ResilienceDisabled_NotRetried()
    {
        using var host = new ResilienceTestHost(ObservePolly, (_, _) => ResilienceTestHost.Error(503), o => o.Resilience.Enabled = false);

        await host.ChatFailsAsync();

        Assert.Single(host.Attempts);
    }

    [Fact]
    public async Task CreateChatCompletion_RetryAfterMs_WaitsExactlyThat()
    {
        using var host = new ResilienceTestHost(ObservePolly, (attempt, _) => attempt == 0 ? ResilienceTestHost.Error(429, "rate_limit_exceeded", headers: ("retry-after-ms", "1500")) : ResilienceTestHost.Success());

        await host.ChatAsync();

        host.AssertServerWait(1, TimeSpan.FromMilliseconds(1500));
    }

    [Fact]
    public async Task CreateChatCompletion_RetryAfterMsAndSeconds_MillisecondsWin()
    {
        using var host = new ResilienceTestHost(ObservePolly, (attempt, _) => attempt == 0 ? ResilienceTestHost.Error(503, headers: [("retry-after-ms", "250"), ("Retry-After", "7")]) : ResilienceTestHost.Success());

        await host.ChatAsync();

        host.AssertServerWait(1, TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public async Task CreateChatCompletion_RetryAfterSeconds_NoRetryBeforeIt()
    {
        using var host = new ResilienceTestHost(ObservePolly, (attempt, _) => attempt == 0 ? ResilienceTestHost.Error(429, "rate_limit_exceeded", headers: ("Retry-After", "2")) : ResilienceTestHost.Success());

        await host.ChatAsync();

        host.AssertServerWait(1, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task CreateChatCompletion_RetryAfterHttpDate_WaitsUntilThatDate()
    {
        ResilienceTestHost? self = null;
        using var host = self = new ResilienceTestHost(ObservePolly, (attempt, _) => attempt == 0
            ? ResilienceTestHost.Error(503, headers: ("Retry-After", (self!.Time.GetUtcNow() + TimeSpan.FromSeconds(3)).ToString("r")))
            : ResilienceTestHost.Success());

        await host.ChatAsync();

        host.AssertServerWait(1, TimeSpan.FromSeconds(3));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("soon")]
    [InlineData("")]
    public async Task CreateChatCompletion_UnusableRetryAfter_FallsBackToJitteredBackoff(string value)
    {
        using var host = new ResilienceTestHost(ObservePolly, (attempt, _) => attempt == 0 ? ResilienceTestHost.Error(503, headers: ("Retry-After", value)) : ResilienceTestHost.Success());

        await host.ChatAsync();

        // First backoff step 0.5 s, jitter removes at most a quarter.
        host.AssertGap(1, TimeSpan.FromMilliseconds(375), granularity: TimeSpan.FromMilliseconds(125));
    }

    [Fact]
    public async Task CreateChatCompletion_RetryAfterBeyondMaxDelay_FailsAtOnceWithRetryAfter()
    {
        using var host = new ResilienceTestHost(ObservePolly, (_, _) => ResilienceTestHost.Error(429, "rate_limit_exceeded", headers: ("Retry-After", "120")));
        var started = host.Time.GetUtcNow();

        var error = await host.ChatFailsAsync();

        Assert.Single(host.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.True(host.Time.GetUtcNow() - started < TimeSpan.FromSeconds(10), "The call slept instead of failing at once.");
    }

    [Fact]
    public async Task CreateChatCompletion_HugeRetryAfter_FailsAtOnce()
    {
        using var host = new ResilienceTestHost(ObservePolly, (_, _) => ResilienceTestHost.Error(503, headers: ("retry-after-ms", "99999999999999999999")));

        var error = await host.ChatFailsAsync();

        Assert.Single(host.Attempts);
        Assert.True(error.RetryAfter > TimeSpan.FromDays(300));
    }

    [Fact]
    public async Task CreateChatCompletion_RetryAfterBeyondTotalTimeout_FailsAtOnce()
    {
        using var host = new ResilienceTestHost(ObservePolly, 
            (_, _) => ResilienceTestHost.Error(429, "rate_limit_exceeded", headers: ("Retry-After", "30")),
            o => o.Timeout = TimeSpan.FromSeconds(20));
        var started = host.Time.GetUtcNow();

        var error = await host.ChatFailsAsync();

        Assert.Single(host.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.True(host.Time.GetUtcNow() - started < TimeSpan.FromSeconds(10), "The call slept instead of failing at once.");
    }

    [Fact]
    public async Task CreateChatCompletion_RateLimitResetHeaders_WaitForExhaustedBudget()
    {
        using var host = new ResilienceTestHost(ObservePolly, (attempt, _) => attempt == 0
            ? ResilienceTestHost.Error(429, "rate_limit_exceeded", headers: [
                ("x-ratelimit-limit-requests", "60"), ("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-reset-requests", "2s"),
                ("x-ratelimit-limit-tokens", "100000"), ("x-ratelimit-remaining-tokens", "99000"), ("x-ratelimit-reset-tokens", "6m0s")])
            : ResilienceTestHost.Success());

        await host.ChatAsync();

        host.AssertServerWait(1, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task CreateChatCompletion_SpentBudgetResetsAfterCap_FailsAtOnceWithReset()
    {
        using var host = new ResilienceTestHost(ObservePolly, (_, _) => ResilienceTestHost.Error(429, "rate_limit_exceeded", headers: [
            ("x-ratelimit-limit-requests", "200"), ("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-reset-requests", "6h0m0s")]));

        var error = await host.ChatFailsAsync();

        Assert.Single(host.Attempts);
        Assert.Equal(TimeSpan.FromHours(6), error.RetryAfter);
    }

    [Fact]
    public async Task CreateChatCompletion_ConnectionFailure_Retried()
    {
        using var host = new ResilienceTestHost(ObservePolly, (attempt, _, _) => attempt == 0
            ? Task.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"))
            : Task.FromResult(ResilienceTestHost.Success()));

        await host.ChatAsync();

        Assert.Equal(2, host.Attempts.Count);
    }

    [Fact]
    public async Task CreateChatCompletion_ConnectionAlwaysFails_ChatGptExceptionAfterRetries()
    {
        using var host = new ResilienceTestHost(ObservePolly, (_, _, _) => Task.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused")));

        var error = await host.ChatFailsAsync();

        Assert.True(error.InnerException is HttpRequestException, error.ToString() + " attempts " + host.Attempts.Count + " logs " + string.Join("\n", host.Logs.GetSnapshot().Select(r => r.Message)));
        Assert.Null(error.StatusCode);
        Assert.Equal(4, host.Attempts.Count);
    }

    [Fact]
    public async Task CreateChatCompletion_AttemptTimesOut_RetriedWithinTotal()
    {
        using var host = new ResilienceTestHost(ObservePolly, 
            async (attempt, _, cancellationToken) =>
            {
                if (attempt == 0)
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }

                return ResilienceTestHost.Success();
            },
            o =>
            {
                o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(5);
                o.Resilience.UseJitter = false;
            });

        await host.ChatAsync();

        // The attempt's 5 s, then the first backoff step (0.5 s without jitter).
        Assert.Equal(2, host.Attempts.Count);
        host.AssertGap(1, TimeSpan.FromSeconds(5.5));
    }

    [Fact]
    public async Task CreateChatCompletion_EveryAttemptTimesOut_TypedTimeoutError()
    {
        using var host = new ResilienceTestHost(ObservePolly, 
            async (_, _, cancellationToken) =>
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return ResilienceTestHost.Success();
            },
            o =>
            {
                o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(5);
                o.Resilience.MaxRetries = 1;
            });

        var error = await host.ChatFailsAsync();

        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Equal(2, host.Attempts.Count);
    }

    [Fact]
    public async Task CreateChatCompletion_TotalTimeoutDuringRetries_TypedTimeoutError()
    {
        using var host = new ResilienceTestHost(ObservePolly, 
            (_, _) => ResilienceTestHost.Error(500),
            o =>
            {
                o.Timeout = TimeSpan.FromSeconds(1);
                o.Resilience.MaxRetries = 10;
                o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(300);
                o.Resilience.UseJitter = false;
            });

        var error = await host.ChatFailsAsync();

        // 0 ms, 300 ms, 900 ms; the next wait (1.2 s) would pass the deadline, so the last answer is returned at once.
        Assert.Equal(3, host.Attempts.Count);
        host.AssertGap(1, TimeSpan.FromMilliseconds(300));
        host.AssertGap(2, TimeSpan.FromMilliseconds(600));
        Assert.Equal(TimeSpan.FromMilliseconds(900), host.Time.GetUtcNow() - host.Attempts.First().At);
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
    }

    [Fact]
    public async Task CreateChatCompletion_CancelledDuringRetryDelay_StopsPromptly()
    {
        using var cancellation = new CancellationTokenSource();
        using var host = new ResilienceTestHost(ObservePolly, (_, _) => ResilienceTestHost.Error(503, headers: ("Retry-After", "30")));

        var call = host.Client.CreateChatCompletionAsync(ResilienceTestHost.Request(), cancellation.Token);
        await host.Time.WhenWaitingAsync();
        await cancellation.CancelAsync();

        // The fake clock never moves: only the cancellation can end the wait.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Single(host.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(30) + ChatGpt.Resilience.Internal.ChatGptResilienceDefaults.ServerWaitPadding, Assert.Single(host.Time.Waits));
    }

    [Fact]
    public async Task Send_StreamBody_NotRetriedBecauseNotReplayable()
    {
        using var host = new ResilienceTestHost(ObservePolly, (_, _) => ResilienceTestHost.Error(503));
        var http = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(ChatGptClient.HttpClientName);
        using var body = new StreamContent(new MemoryStream("{}"u8.ToArray()));

        using var response = await host.RunAsync(() => http.PostAsync(new Uri("https://api.test.invalid/v1/chat/completions"), body));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Single(host.Attempts);
    }

    [Fact]
    public async Task CreateChatCompletion_Retry_LoggedWithAttemptStatusDelayAndRequestIdButNoKey()
    {
        using var host = new ResilienceTestHost(ObservePolly, (attempt, _) => attempt == 0
            ? ResilienceTestHost.Error(429, "rate_limit_exceeded", headers: [("retry-after-ms", "700"), ("x-request-id", "req_abc123")])
            : ResilienceTestHost.Success());

        await host.ChatAsync();

        var retry = Assert.Single(host.Logs.GetSnapshot(), r => r.Id.Id == 3001);
        Assert.Contains("attempt 1", retry.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 429 rate_limit_exceeded", retry.Message, StringComparison.Ordinal);
        Assert.Contains("710 ms", retry.Message, StringComparison.Ordinal); // the server's 700 ms plus the 10 ms timer pad
        Assert.Contains("req_abc123", retry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.GetSnapshot(), r => r.Message.Contains(ResilienceTestHost.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateChatCompletion_RetriedRequest_SendsTheSameBody()
    {
        var bodies = new List<string>();
        using var host = new ResilienceTestHost(ObservePolly, (attempt, request) =>
        {
            bodies.Add(request.Content!.ReadAsStringAsync().GetAwaiter().GetResult());
            return attempt == 0 ? ResilienceTestHost.Error(500) : ResilienceTestHost.Success();
        });

        await host.ChatAsync();

        Assert.Equal(2, bodies.Count);
        Assert.Equal(bodies[0], bodies[1]);
        Assert.Contains("hello", bodies[0], StringComparison.Ordinal);
    }

    private const string Chunk = """{"id":"c1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":null}]}""";

    [Fact]
    public async Task StreamChatCompletion_FailsBeforeFirstEvent_Retried()
    {
        using var host = new ResilienceTestHost(ObservePolly, (attempt, _) => attempt == 0
            ? ResilienceTestHost.Error(502)
            : Sse($"data: {Chunk}\n\ndata: [DONE]\n\n"));

        var chunks = await host.RunAsync(async () =>
        {
            var list = new List<ChatGpt.Chat.ChatCompletionChunk>();
            await foreach (var chunk in host.Client.StreamChatCompletionAsync(ResilienceTestHost.Request()))
            {
                list.Add(chunk);
            }

            return list;
        });

        Assert.Single(chunks);
        Assert.Equal(2, host.Attempts.Count);
    }

    [Fact]
    public async Task StreamChatCompletion_CutAfterFirstEvent_NotRetried()
    {
        using var host = new ResilienceTestHost(ObservePolly, (_, _) => Sse($"data: {Chunk}\n\n"));
        var received = 0;

        var error = await Assert.ThrowsAsync<ChatGptException>(() => host.RunAsync(async () =>
        {
            await foreach (var chunk in host.Client.StreamChatCompletionAsync(ResilienceTestHost.Request()))
            {
                received++;
            }

            return received;
        }));

        Assert.Equal(1, received);
        Assert.Contains("[DONE]", error.Message, StringComparison.Ordinal);
        Assert.Single(host.Attempts);
    }

    private static HttpResponseMessage Sse(string body) => new(HttpStatusCode.OK)
    {
        Content = new StringContent(body, System.Text.Encoding.UTF8, "text/event-stream"),
    };
}
