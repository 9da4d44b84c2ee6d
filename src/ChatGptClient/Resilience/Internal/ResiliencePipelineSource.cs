using ChatGpt.DependencyInjection.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;

namespace ChatGpt.Resilience.Internal;

/// <summary>
/// The resilience pipeline of one <see cref="HttpClient"/>, built from its <see cref="ChatGptOptions"/> on first use and
/// again after a reload of them has validated (an invalid reload keeps the last valid pipeline, as the clients keep the
/// last valid options). <see langword="null"/> while <see cref="ChatGptResilienceOptions.Enabled"/> is off.
/// </summary>
/// <remarks>
/// Built on Polly directly rather than through <c>Microsoft.Extensions.Http.Resilience</c>'s registry: the registry wraps
/// every pipeline in reload, execution-tracking and disposal components that cost a short call about 0.3 us, for
/// features this pipeline does not need (its strategies hold nothing to dispose; the handlers read
/// <see cref="Select"/> per call, so a rebuilt pipeline applies to the next call and a running one finishes on the old).
/// Polly's telemetry (its logs, turned down by <see cref="QuietPollyTelemetry"/>, and its <c>resilience.polly.*</c>
/// metrics) is configured from the container's <see cref="TelemetryOptions"/> as before, on a second copy of the
/// pipeline that runs a call only while someone observes it (<see cref="PollyTelemetryWatch"/>).
/// </remarks>
internal sealed class ResiliencePipelineSource
{
    private readonly IServiceProvider _services;
    private readonly string _pipelineName;
    private readonly string _optionsName;
    private readonly Lock _lock = new();
    private Built? _built;

    public ResiliencePipelineSource(IServiceProvider services, string clientName, string optionsName)
    {
        _services = services;
        _optionsName = optionsName;

        // The name Microsoft.Extensions.Http.Resilience gave it ("{client}-{handler}"), kept for dashboards and QuietPollyTelemetry.
        _pipelineName = $"{clientName}-{Microsoft.Extensions.DependencyInjection.ChatGptResilienceHttpClientBuilderExtensions.PipelineName}";
    }

    /// <summary>The pipeline for the next call (<see langword="null"/> when resilience is off) and, while nobody observes
    /// Polly's telemetry, the lane its first attempt runs on (<see cref="FirstAttemptLane"/>).</summary>
    public ResiliencePipeline<HttpResponseMessage>? Select(out FirstAttemptLane? lane)
    {
        var built = Volatile.Read(ref _built);
        if (built is null || built.Entry.CurrentGeneration != built.Generation)
        {
            built = Rebuild();
        }

        if (built.Observed is { } observed && (built.AlwaysObserved || PollyTelemetryWatch.IsObserved(built.PollyLogger)))
        {
            lane = null;
            return observed;
        }

        lane = built.Lane;
        return built.Quiet;
    }

    private Built Rebuild()
    {
        lock (_lock)
        {
            var options = _services.GetRequiredService<ChatGptOptionsProvider>().GetWatched(_optionsName, out var entry, out var generation);
            if (_built is { } built && built.Generation == generation)
            {
                return built; // Another call rebuilt it while this one waited.
            }

            // The same pipeline twice: with Polly's telemetry for while someone observes it, and without.
            var telemetry = new TelemetryOptions(_services.GetRequiredService<IOptions<TelemetryOptions>>().Value);
            telemetry.MeteringEnrichers.Add(PollyHttpStatusEnricher.Instance);
            var settings = Settings(options);
            var limiter = settings is null ? null : ResiliencePipelineFactory.CreateLimiter(settings);
            var fresh = new Built(Build(settings, limiter, telemetry), Build(settings, limiter, null), entry, generation)
            {
                Lane = settings is null ? null : new FirstAttemptLane(settings, limiter),
                PollyLogger = telemetry.LoggerFactory.CreateLogger(PollyTelemetryWatch.Name),
                AlwaysObserved = telemetry.TelemetryListeners.Count > 0,
            };
            Volatile.Write(ref _built, fresh);
            return fresh;
        }
    }

    /// <summary>What the pipelines of <paramref name="options"/> are built from, or <see langword="null"/> when resilience is off.</summary>
    private ResiliencePipelineSettings? Settings(ChatGptOptions options)
    {
        var resilience = options.Resilience ?? new ChatGptResilienceOptions();
        if (!resilience.Enabled)
        {
            return null;
        }

        var services = _services;
        return new ResiliencePipelineSettings
        {
            Options = resilience,
            TotalTimeout = options.Timeout,
            TimeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System,
            Logger = services.GetService<ILoggerFactory>()?.CreateLogger(ResilienceLog.Category) ?? NullLogger.Instance,
            BudgetStore = resilience.RateLimitingActive ? services.GetRequiredService<IChatGptRateBudgetStore>() : null,
            Account = ChatGptRateLimitKey.From(options),
            Metrics = Diagnostics.Internal.ChatGptMetrics.For(services.GetService<System.Diagnostics.Metrics.IMeterFactory>()),
            BaseAddress = options.BaseAddress,
            CostEstimator = RequestTokenEstimator.Estimate,
        };
    }

    /// <summary>A copy of the pipeline, with Polly's telemetry or without; the copies share one rate limit strategy.</summary>
    private ResiliencePipeline<HttpResponseMessage>? Build(ResiliencePipelineSettings? settings, RateLimitStrategy? limiter, TelemetryOptions? telemetry)
    {
        if (settings is null)
        {
            return null;
        }

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = _pipelineName };
        if (telemetry is not null)
        {
            builder.ConfigureTelemetry(telemetry);
        }

        ResiliencePipelineFactory.Configure(builder, settings, limiter);
        return builder.Build();
    }

    /// <summary>The pipelines of one generation of the options (both <see langword="null"/> when resilience is off).</summary>
    private sealed record Built(ResiliencePipeline<HttpResponseMessage>? Observed, ResiliencePipeline<HttpResponseMessage>? Quiet, ChatGptOptionsProvider.Entry Entry, int Generation)
    {
        public ILogger PollyLogger { get; init; } = NullLogger.Instance;

        /// <summary>The application added listeners of its own to Polly's telemetry: they always get it.</summary>
        public bool AlwaysObserved { get; init; }

        /// <summary>The lane of the first attempts that run on <see cref="Quiet"/>.</summary>
        public FirstAttemptLane? Lane { get; init; }
    }
}
