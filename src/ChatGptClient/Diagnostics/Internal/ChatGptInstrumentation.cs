using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using ChatGpt.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatGpt.Diagnostics.Internal;

/// <summary>
/// The client's one entry point into logging, tracing and metrics: it opens a <see cref="ChatGptCallScope"/> per call,
/// or none when nobody listens, so an unobserved client pays one check per call.
/// </summary>
internal sealed class ChatGptInstrumentation
{
    /// <summary>The category of the client's logs.</summary>
    public const string LoggerCategory = "ChatGpt.ChatGptClient";

    public static readonly string Version =
        typeof(ChatGptInstrumentation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion is { } version
            ? version.Split('+')[0]
            : "1.0.0";

    public static readonly ActivitySource Source = new(ChatGptDiagnostics.ActivitySourceName, Version);

    private readonly ChatGptOptions _options;

    public ChatGptInstrumentation(ChatGptOptions options, Uri baseAddress, TimeProvider timeProvider, ILoggerFactory? loggerFactory, IMeterFactory? meterFactory)
    {
        _options = options;
        TimeProvider = timeProvider;
        Logger = loggerFactory?.CreateLogger(LoggerCategory) ?? NullLogger.Instance;
        Metrics = ChatGptMetrics.For(meterFactory);
        ServerAddress = baseAddress.Host;
        ServerPort = baseAddress.Port;
    }

    public ILogger Logger { get; }

    public ChatGptMetrics Metrics { get; }

    public TimeProvider TimeProvider { get; }

    public string ServerAddress { get; }

    public int ServerPort { get; }

    /// <summary>Whether a call would be observed by anyone: a span listener, an enabled instrument or an enabled logger.</summary>
    public bool IsActive => Source.HasListeners() || Metrics.Enabled || Logger.IsEnabled(LogLevel.Error) || Logger.IsEnabled(LogLevel.Debug);

    /// <summary>Opens the scope of one call, or returns <see langword="null"/> when nothing observes it.</summary>
    public ChatGptCallScope? Start(ChatGptRequestContext context) => IsActive ? new ChatGptCallScope(this, context, _options.LogContent) : null;

    /// <summary>Wraps a stream so its span and metrics cover it from the first read to its end or disposal.</summary>
    public IAsyncEnumerable<T> Instrument<T>(ChatGptRequestContext context, IAsyncEnumerable<T> stream)
        where T : class =>
        IsActive ? new InstrumentedStream<T>(this, context, stream) : stream;
}
