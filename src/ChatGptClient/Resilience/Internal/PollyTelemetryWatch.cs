using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace ChatGpt.Resilience.Internal;

/// <summary>
/// Whether anything can receive Polly's telemetry of a ChatGpt pipeline right now: the <c>Polly</c> log category
/// enabled at Debug (the level <see cref="QuietPollyTelemetry"/> gives these events) or a listener on one of Polly's
/// instruments. <see cref="ResiliencePipelineSource"/> runs a call on the pipeline with telemetry only then: unobserved, a
/// short call spent about 0.4 us on the timestamps and three events nobody would read.
/// </summary>
internal static class PollyTelemetryWatch
{
    /// <summary>Polly's log category and meter name.</summary>
    public const string Name = "Polly";

    // In this order: starting the watcher reports the instruments published before it.
    private static Instrument[] _instruments = [];
    private static readonly MeterListener Watcher = Start();

    /// <summary>Whether Polly's telemetry would reach anyone.</summary>
    public static bool IsObserved(ILogger pollyLogger) => pollyLogger.IsEnabled(LogLevel.Debug) || AnyInstrumentObserved();

    /// <summary>Polly's instruments, seen as they are published: none is ever enabled here, so each one's
    /// <see cref="Instrument.Enabled"/> says whether someone else listens to it.</summary>
    private static bool AnyInstrumentObserved()
    {
        GC.KeepAlive(Watcher);
        foreach (var instrument in Volatile.Read(ref _instruments))
        {
            if (instrument.Enabled)
            {
                return true;
            }
        }

        return false;
    }

    private static MeterListener Start()
    {
        var listener = new MeterListener
        {
            InstrumentPublished = static (instrument, _) =>
            {
                if (instrument.Meter.Name == Name)
                {
                    Add(instrument);
                }
            },
        };
        listener.Start();
        return listener;
    }

    private static void Add(Instrument instrument)
    {
        while (true)
        {
            var current = Volatile.Read(ref _instruments);
            if (Array.IndexOf(current, instrument) >= 0 || Interlocked.CompareExchange(ref _instruments, [.. current, instrument], current) == current)
            {
                return;
            }
        }
    }
}
