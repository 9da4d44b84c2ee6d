using Microsoft.Extensions.Options;
using Polly.Telemetry;

namespace ChatGpt.Resilience.Internal;

/// <summary>
/// Turns Polly's own log events for the ChatGpt pipelines down to Debug. Polly logs an Information line for every
/// attempt and a Warning with the exception's stack for every retry; the pipeline and the client already log what a
/// reader needs (one Warning per retry, one Error for the final failure), so Polly's copies would double them. Other
/// pipelines of the application keep their severities (any provider set before is called for them).
/// </summary>
internal sealed class QuietPollyTelemetry : IPostConfigureOptions<TelemetryOptions>
{
    public void PostConfigure(string? name, TelemetryOptions options)
    {
        var previous = options.SeverityProvider;
        options.SeverityProvider = args =>
            IsChatGptPipeline(args.Source.PipelineName) ? ResilienceEventSeverity.Debug
            : previous?.Invoke(args) ?? args.Event.Severity;
    }

    // ResiliencePipelineSource names the pipeline "{HttpClient name}-{handler name}" (as AddResilienceHandler would):
    // "ChatGpt-ChatGpt", "ChatGpt:drafts-ChatGpt".
    private static bool IsChatGptPipeline(string? pipelineName) =>
        pipelineName is not null
        && pipelineName.StartsWith(ChatGptClient.HttpClientName, StringComparison.Ordinal)
        && pipelineName.EndsWith("-" + Microsoft.Extensions.DependencyInjection.ChatGptResilienceHttpClientBuilderExtensions.PipelineName, StringComparison.Ordinal);
}
