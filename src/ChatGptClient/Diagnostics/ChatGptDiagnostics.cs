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

    /// <summary>
    /// The histogram of the durations, in seconds, of the calls that generate nothing (<c>chatgpt.client.operation.duration</c>):
    /// files, uploads, fine-tuning jobs, models. Kept out of <see cref="OperationDurationMetricName"/>, whose latencies
    /// are of inference. Tagged like <c>http.client.request.duration</c> (<c>http.request.method</c>, <c>server.address</c>,
    /// <c>server.port</c>, <c>http.response.status_code</c>, <c>error.type</c>) plus <c>gen_ai.operation.name</c>
    /// (<c>files.upload</c>, <c>fine_tuning.jobs.create</c>…), <c>gen_ai.provider.name</c> and <c>gen_ai.request.model</c>
    /// when the call names a model. Unlike <c>System.Net.Http</c>'s per-attempt metric, it covers the whole call, retries included.
    /// </summary>
    public const string ClientOperationDurationMetricName = "chatgpt.client.operation.duration";

    /// <summary>The histogram of the time a call waited for its client-side rate budget, in seconds
    /// (<c>chatgpt.rate_limiter.wait.duration</c>), tagged <c>chatgpt.rate_budget.model_group</c> and
    /// <c>chatgpt.rate_limiter.outcome</c> (<c>acquired</c> or <c>rejected</c>).</summary>
    public const string RateLimiterWaitMetricName = "chatgpt.rate_limiter.wait.duration";

    /// <summary>The counter of calls the client-side rate limiter refused (<c>chatgpt.rate_limiter.rejections</c>),
    /// tagged <c>chatgpt.rate_budget.model_group</c> and <c>chatgpt.rate_limiter.reason</c> (<c>queue_full</c>,
    /// <c>deadline</c>, <c>disposed</c>).</summary>
    public const string RateLimiterRejectionsMetricName = "chatgpt.rate_limiter.rejections";

    /// <summary>The gauge of the request limit in force per budget (<c>chatgpt.rate_limiter.request_limit</c>, per its
    /// window), tagged <c>chatgpt.rate_budget.account</c> (a digest, no secret), <c>chatgpt.rate_budget.model_group</c>
    /// and <c>chatgpt.rate_budget.learned</c>.</summary>
    public const string RateLimiterRequestLimitMetricName = "chatgpt.rate_limiter.request_limit";

    /// <summary>The gauge of the token limit in force per budget (<c>chatgpt.rate_limiter.token_limit</c>), tagged as
    /// <see cref="RateLimiterRequestLimitMetricName"/>.</summary>
    public const string RateLimiterTokenLimitMetricName = "chatgpt.rate_limiter.token_limit";

    /// <summary>The gauge of calls waiting per budget in this process (<c>chatgpt.rate_limiter.queued</c>).</summary>
    public const string RateLimiterQueuedMetricName = "chatgpt.rate_limiter.queued";
}
