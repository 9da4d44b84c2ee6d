using System.Net;
using ChatGpt.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ChatGpt.Tests.Diagnostics;

public sealed class ChatGptMetricsTests
{
    [Fact]
    public async Task CreateChatCompletionAsync_Success_RecordsDurationFromTheClock()
    {
        using var harness = new TelemetryHarness();
        harness.RespondJson(TelemetryHarness.ChatUrl, TelemetryHarness.ChatJson, latency: TimeSpan.FromMilliseconds(1500));
        using var duration = new MetricCollector<double>(harness.MeterFactory, ChatGptDiagnostics.MeterName, ChatGptDiagnostics.OperationDurationMetricName);

        await harness.Client.CreateChatCompletionAsync(TelemetryHarness.ChatRequest());

        var measurement = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal(1.5, measurement.Value);
        var expected = new Dictionary<string, object?>
        {
            ["gen_ai.operation.name"] = "chat",
            ["gen_ai.provider.name"] = "openai",
            ["gen_ai.request.model"] = "gpt-4o-mini",
            ["gen_ai.response.model"] = "gpt-4o-mini-2024-07-18",
            ["server.address"] = TelemetryHarness.Host,
            ["server.port"] = 443,
        };
        Assert.Equal(expected.OrderBy(static p => p.Key), measurement.Tags.OrderBy(static p => p.Key));
        Assert.Equal("s", duration.Instrument!.Unit);
    }

    [Fact]
    public async Task CreateChatCompletionAsync_Success_RecordsInputAndOutputTokens()
    {
        using var harness = new TelemetryHarness();
        harness.RespondJson(TelemetryHarness.ChatUrl, TelemetryHarness.ChatJson);
        using var tokens = new MetricCollector<long>(harness.MeterFactory, ChatGptDiagnostics.MeterName, ChatGptDiagnostics.TokenUsageMetricName);

        await harness.Client.CreateChatCompletionAsync(TelemetryHarness.ChatRequest());

        var measurements = tokens.GetMeasurementSnapshot();
        Assert.Equal(2, measurements.Count);
        Assert.Equal(12, Assert.Single(measurements, static m => Equals(m.Tags["gen_ai.token.type"], "input")).Value);
        Assert.Equal(5, Assert.Single(measurements, static m => Equals(m.Tags["gen_ai.token.type"], "output")).Value);
        Assert.All(measurements, static m =>
        {
            Assert.Equal("chat", m.Tags["gen_ai.operation.name"]);
            Assert.Equal("gpt-4o-mini-2024-07-18", m.Tags["gen_ai.response.model"]);
        });
        Assert.Equal("{token}", tokens.Instrument!.Unit);
    }

    [Fact]
    public async Task CreateChatCompletionAsync_Failure_RecordsDurationWithErrorTypeAndNoTokens()
    {
        using var harness = new TelemetryHarness();
        harness.RespondJson(TelemetryHarness.ChatUrl, """{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}""", latency: TimeSpan.FromMilliseconds(250), status: HttpStatusCode.TooManyRequests);
        using var duration = new MetricCollector<double>(harness.MeterFactory, ChatGptDiagnostics.MeterName, ChatGptDiagnostics.OperationDurationMetricName);
        using var tokens = new MetricCollector<long>(harness.MeterFactory, ChatGptDiagnostics.MeterName, ChatGptDiagnostics.TokenUsageMetricName);

        await Assert.ThrowsAsync<ChatGptException>(() => harness.Client.CreateChatCompletionAsync(TelemetryHarness.ChatRequest()));

        var measurement = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal(0.25, measurement.Value);
        Assert.Equal("429", measurement.Tags["error.type"]);
        Assert.False(measurement.Tags.ContainsKey("gen_ai.response.model"));
        Assert.Empty(tokens.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task StreamChatCompletionAsync_Success_RecordsTimeToFirstChunkAndWholeDuration()
    {
        using var harness = new TelemetryHarness();
        harness.RespondStream(TelemetryHarness.ChatUrl, TelemetryHarness.ChatStreamEvents, latency: TimeSpan.FromSeconds(1.5));
        using var firstChunk = new MetricCollector<double>(harness.MeterFactory, ChatGptDiagnostics.MeterName, ChatGptDiagnostics.TimeToFirstChunkMetricName);
        using var duration = new MetricCollector<double>(harness.MeterFactory, ChatGptDiagnostics.MeterName, ChatGptDiagnostics.OperationDurationMetricName);
        using var tokens = new MetricCollector<long>(harness.MeterFactory, ChatGptDiagnostics.MeterName, ChatGptDiagnostics.TokenUsageMetricName);

        await foreach (var chunk in harness.Client.StreamChatCompletionAsync(TelemetryHarness.ChatRequest()))
        {
            // The consumer's own pace counts in the duration, not in the time to the first chunk.
            harness.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var first = Assert.Single(firstChunk.GetMeasurementSnapshot());
        Assert.Equal(1.5, first.Value);
        Assert.Equal("chat", first.Tags["gen_ai.operation.name"]);
        Assert.Equal(4.5, Assert.Single(duration.GetMeasurementSnapshot()).Value);
        Assert.Equal([12L, 2L], tokens.GetMeasurementSnapshot().Select(static m => m.Value));
    }

    [Fact]
    public async Task CreateChatCompletionAsync_NotStreaming_RecordsNoTimeToFirstChunk()
    {
        using var harness = new TelemetryHarness();
        harness.RespondJson(TelemetryHarness.ChatUrl, TelemetryHarness.ChatJson);
        using var firstChunk = new MetricCollector<double>(harness.MeterFactory, ChatGptDiagnostics.MeterName, ChatGptDiagnostics.TimeToFirstChunkMetricName);

        await harness.Client.CreateChatCompletionAsync(TelemetryHarness.ChatRequest());

        Assert.Empty(firstChunk.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task Constructor_WithMeterFactory_RecordsOnThatFactorysMeter()
    {
        using var harness = new TelemetryHarness();
        harness.RespondJson(TelemetryHarness.ChatUrl, TelemetryHarness.ChatJson);
        using var otherHarness = new TelemetryHarness();
        using var other = new MetricCollector<double>(otherHarness.MeterFactory, ChatGptDiagnostics.MeterName, ChatGptDiagnostics.OperationDurationMetricName);
        using var mine = new MetricCollector<double>(harness.MeterFactory, ChatGptDiagnostics.MeterName, ChatGptDiagnostics.OperationDurationMetricName);

        await harness.Client.CreateChatCompletionAsync(TelemetryHarness.ChatRequest());

        Assert.Single(mine.GetMeasurementSnapshot());
        Assert.Empty(other.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task ListModelsAsync_Success_RecordsNoGenAiMetrics()
    {
        using var harness = new TelemetryHarness();
        harness.RespondJson("https://api.example.test/v1/models", """{"object":"list","data":[]}""");
        using var duration = new MetricCollector<double>(harness.MeterFactory, ChatGptDiagnostics.MeterName, ChatGptDiagnostics.OperationDurationMetricName);

        await harness.Client.ListModelsAsync();

        Assert.Empty(duration.GetMeasurementSnapshot());
        Assert.Contains(harness.Logs.GetSnapshot(), static r => r.Id.Id == 101 && r.Message.StartsWith("models", StringComparison.Ordinal));
    }
}
