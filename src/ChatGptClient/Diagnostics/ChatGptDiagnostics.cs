namespace ChatGpt.Diagnostics;

/// <summary>
/// The names under which <c>ChatGptClient</c> publishes traces and metrics, following the OpenTelemetry GenAI semantic
/// conventions. Subscribe with <c>AddSource(ChatGptDiagnostics.ActivitySourceName)</c> and
/// <c>AddMeter(ChatGptDiagnostics.MeterName)</c>.
/// </summary>
public static class ChatGptDiagnostics
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> that emits one client span per call:
    /// <c>chat {model}</c> or <c>text_completion {model}</c>.</summary>
    public const string ActivitySourceName = "ChatGptClient";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> that records the GenAI client metrics.</summary>
    public const string MeterName = "ChatGptClient";

    /// <summary>The histogram of call durations in seconds (<c>gen_ai.client.operation.duration</c>); for streams, until the stream ends.</summary>
    public const string OperationDurationMetricName = "gen_ai.client.operation.duration";

    /// <summary>The histogram of tokens used per call (<c>gen_ai.client.token.usage</c>), tagged <c>gen_ai.token.type</c> <c>input</c> or <c>output</c>.</summary>
    public const string TokenUsageMetricName = "gen_ai.client.token.usage";

    /// <summary>The histogram of the time from sending a streamed request to its first chunk, in seconds
    /// (<c>gen_ai.client.operation.time_to_first_chunk</c>).</summary>
    public const string TimeToFirstChunkMetricName = "gen_ai.client.operation.time_to_first_chunk";
}
