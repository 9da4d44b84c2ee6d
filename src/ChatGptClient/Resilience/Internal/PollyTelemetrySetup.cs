using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly.Telemetry;

namespace ChatGpt.Resilience.Internal;

/// <summary>Gives Polly's telemetry the container's logger factory, as <c>Polly.Extensions</c> does for the pipelines it
/// registers (an application that also uses those sets the same value).</summary>
internal sealed class PollyTelemetrySetup(ILoggerFactory? loggerFactory = null) : IConfigureOptions<TelemetryOptions>
{
    public void Configure(TelemetryOptions options)
    {
        if (ReferenceEquals(options.LoggerFactory, NullLoggerFactory.Instance) && loggerFactory is not null)
        {
            options.LoggerFactory = loggerFactory;
        }
    }
}
