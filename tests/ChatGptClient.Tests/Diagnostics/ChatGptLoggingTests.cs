using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using RichardSzalay.MockHttp;

namespace ChatGpt.Tests.Diagnostics;

public sealed class ChatGptLoggingTests
{
    private const string Category = "ChatGpt.ChatGptClient";

    [Fact]
    public async Task CreateChatCompletionAsync_Success_LogsTheOutcomeAtDebugOnly()
    {
        using var harness = new TelemetryHarness();
        harness.RespondJson(TelemetryHarness.ChatUrl, TelemetryHarness.ChatJson, latency: TimeSpan.FromMilliseconds(1500));

        await harness.Client.CreateChatCompletionAsync(TelemetryHarness.ChatRequest());

        Assert.DoesNotContain(Records(harness), static r => r.Level >= LogLevel.Information);
        var information = Assert.Single(Records(harness), static r => r.Id.Id == 101);
        Assert.Equal(LogLevel.Debug, information.Level);
        Assert.Equal("RequestCompleted", information.Id.Name);
        Assert.Equal("chat", information.GetStructuredStateValue("Operation"));
        Assert.Equal("gpt-4o-mini", information.GetStructuredStateValue("Model"));
        Assert.Equal("200", information.GetStructuredStateValue("StatusCode"));
        Assert.Equal("1500", information.GetStructuredStateValue("DurationMs"));
        Assert.Equal("req_abc123", information.GetStructuredStateValue("RequestId"));
        Assert.Equal("gpt-4o-mini-2024-07-18", information.GetStructuredStateValue("ResponseModel"));
        Assert.Equal("stop", information.GetStructuredStateValue("FinishReason"));
        Assert.Equal("12", information.GetStructuredStateValue("InputTokens"));
        Assert.Equal("5", information.GetStructuredStateValue("OutputTokens"));
        Assert.Equal(
            "chat gpt-4o-mini completed: HTTP 200 in 1500.0 ms, request id req_abc123, response model gpt-4o-mini-2024-07-18, finish reason stop, tokens 12 in / 5 out",
            information.Message);
    }

    [Fact]
    public async Task CreateChatCompletionAsync_DebugEnabled_LogsStartAndRateLimits()
    {
        using var harness = new TelemetryHarness();
        harness.RespondJson(TelemetryHarness.ChatUrl, TelemetryHarness.ChatJson);

        await harness.Client.CreateChatCompletionAsync(TelemetryHarness.ChatRequest());

        var records = Records(harness);
        Assert.Equal([100, 107, 101], records.Select(static r => r.Id.Id));
        Assert.Equal("Sending chat request for model gpt-4o-mini to api.example.test (streaming: False)", records[0].Message);
        Assert.Equal(LogLevel.Debug, records[1].Level);
        Assert.Equal("9999", records[1].GetStructuredStateValue("RemainingRequests"));
        Assert.Equal("199983", records[1].GetStructuredStateValue("RemainingTokens"));
        Assert.Equal("00:06:00", records[1].GetStructuredStateValue("ResetTokens"));
        Assert.Equal("321", records[1].GetStructuredStateValue("ProcessingMs"));
    }

    [Fact]
    public async Task CreateChatCompletionAsync_Failure_LogsOneErrorWithException()
    {
        using var harness = new TelemetryHarness();
        harness.RespondJson(TelemetryHarness.ChatUrl, """{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}""", status: HttpStatusCode.TooManyRequests);

        var error = await Assert.ThrowsAsync<ChatGptException>(() => harness.Client.CreateChatCompletionAsync(TelemetryHarness.ChatRequest()));

        var warning = Assert.Single(Records(harness), static r => r.Level >= LogLevel.Information);
        Assert.Equal(LogLevel.Error, warning.Level);
        Assert.Equal(103, warning.Id.Id);
        Assert.Same(error, warning.Exception);
        Assert.Equal("429", warning.GetStructuredStateValue("ErrorType"));
        Assert.Equal("429", warning.GetStructuredStateValue("StatusCode"));
        Assert.Equal("req_abc123", warning.GetStructuredStateValue("RequestId"));
    }

    [Fact]
    public async Task CreateChatCompletionAsync_CancelledByCaller_LogsDebugNotWarning()
    {
        using var harness = new TelemetryHarness();
        using var cancellation = new CancellationTokenSource();
        harness.Handler.When(TelemetryHarness.ChatUrl).Respond(async () =>
        {
            await cancellation.CancelAsync();
            cancellation.Token.ThrowIfCancellationRequested();
            return new HttpResponseMessage(HttpStatusCode.OK);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Client.CreateChatCompletionAsync(TelemetryHarness.ChatRequest(), cancellation.Token));

        var records = Records(harness);
        Assert.DoesNotContain(records, static r => r.Level >= LogLevel.Information);
        Assert.Contains(records, static r => r.Id.Id == 104 && r.Level == LogLevel.Debug);
    }

    [Fact]
    public async Task StreamChatCompletionAsync_Success_LogsStreamOutcomeWithChunkCount()
    {
        using var harness = new TelemetryHarness();
        harness.RespondStream(TelemetryHarness.ChatUrl, TelemetryHarness.ChatStreamEvents, latency: TimeSpan.FromMilliseconds(200));

        await foreach (var chunk in harness.Client.StreamChatCompletionAsync(TelemetryHarness.ChatRequest()))
        {
        }

        var records = Records(harness);
        Assert.Contains(records, static r => r.Id.Id == 106 && r.GetStructuredStateValue("TimeToFirstChunkMs") == "200");
        Assert.DoesNotContain(records, static r => r.Level >= LogLevel.Information);
        var outcome = Assert.Single(records, static r => r.Id.Id == 102);
        Assert.Equal(LogLevel.Debug, outcome.Level);
        Assert.Equal("3", outcome.GetStructuredStateValue("ChunkCount"));
        Assert.Equal("12", outcome.GetStructuredStateValue("InputTokens"));
        Assert.Equal("2", outcome.GetStructuredStateValue("OutputTokens"));
        Assert.Equal("stop", outcome.GetStructuredStateValue("FinishReason"));
    }

    [Fact]
    public async Task StreamChatCompletionAsync_StoppedEarly_LogsAbandonedAtDebug()
    {
        using var harness = new TelemetryHarness();
        harness.RespondStream(TelemetryHarness.ChatUrl, TelemetryHarness.ChatStreamEvents);

        await foreach (var chunk in harness.Client.StreamChatCompletionAsync(TelemetryHarness.ChatRequest()))
        {
            break;
        }

        var records = Records(harness);
        Assert.DoesNotContain(records, static r => r.Level >= LogLevel.Information);
        var abandoned = Assert.Single(records, static r => r.Id.Id == 105);
        Assert.Equal("1", abandoned.GetStructuredStateValue("ChunkCount"));
    }

    [Fact]
    public async Task CreateChatCompletionAsync_LogContentOff_NeverLogsPromptOrAnswer()
    {
        using var harness = new TelemetryHarness();
        harness.RespondJson(TelemetryHarness.ChatUrl, TelemetryHarness.ChatJson);

        await harness.Client.CreateChatCompletionAsync(TelemetryHarness.ChatRequest());

        var records = Records(harness);
        Assert.NotEmpty(records);
        Assert.DoesNotContain(records, static r => r.Id.Id is 108 or 109);
        Assert.All(records, static r =>
        {
            Assert.DoesNotContain(TelemetryHarness.Prompt, r.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("Fredville", r.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(r.StructuredState ?? [], static s => s.Value is { } v && (v.Contains("Freedonia", StringComparison.Ordinal) || v.Contains("Fredville", StringComparison.Ordinal)));
        });
    }

    [Fact]
    public async Task CreateChatCompletionAsync_LogContentOn_LogsPromptAndAnswerAtDebug()
    {
        using var harness = new TelemetryHarness(static o => o.LogContent = true);
        harness.RespondJson(TelemetryHarness.ChatUrl, TelemetryHarness.ChatJson);

        await harness.Client.CreateChatCompletionAsync(TelemetryHarness.ChatRequest());

        var records = Records(harness);
        var request = Assert.Single(records, static r => r.Id.Id == 108);
        Assert.Equal(LogLevel.Debug, request.Level);
        Assert.Contains(TelemetryHarness.Prompt, request.GetStructuredStateValue("Content"), StringComparison.Ordinal);
        var response = Assert.Single(records, static r => r.Id.Id == 109);
        Assert.Equal(LogLevel.Debug, response.Level);
        Assert.Contains(TelemetryHarness.Answer, response.GetStructuredStateValue("Content"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateChatCompletionAsync_InformationLevel_WritesNothing()
    {
        using var harness = new TelemetryHarness(static o => o.LogContent = true);
        harness.RespondJson(TelemetryHarness.ChatUrl, TelemetryHarness.ChatJson);
        var logger = new FakeLogger();
        var client = new ChatGptClient(
            new HttpClient(harness.Handler),
            Microsoft.Extensions.Options.Options.Create(new ChatGptOptions { ApiKey = TelemetryHarness.ApiKey, BaseAddress = new Uri($"https://{TelemetryHarness.Host}/v1/"), LogContent = true }),
            harness.Time,
            new SingleLoggerFactory(logger, LogLevel.Information),
            meterFactory: null);

        await client.CreateChatCompletionAsync(TelemetryHarness.ChatRequest());

        Assert.Empty(logger.Collector.GetSnapshot());
    }

    private static IReadOnlyList<FakeLogRecord> Records(TelemetryHarness harness) =>
        [.. harness.Logs.GetSnapshot().Where(static r => r.Category == Category)];

    private sealed class SingleLoggerFactory(FakeLogger logger, LogLevel minimum) : ILoggerFactory
    {
        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

        public ILogger CreateLogger(string categoryName) => new Filtered(logger, minimum);

        public void Dispose()
        {
        }

        private sealed class Filtered(FakeLogger inner, LogLevel minimum) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    inner.Log(logLevel, eventId, state, exception, formatter);
                }
            }
        }
    }
}
