using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace ChatGpt.DependencyInjection.Internal;

/// <summary>
/// The options each new client of a configuration is created with: the current ones from <see cref="IOptionsMonitor{TOptions}"/>
/// (so an edited appsettings file or a rotated key applies to the next call), or, when a reload produced invalid options,
/// the last valid ones, with the rejection logged once.
/// </summary>
/// <remarks>
/// <see cref="IOptionsMonitor{TOptions}"/> alone throws on every read after an invalid reload: a typo in a running
/// service's configuration would take every call down. Validation still runs first on each change; only its outcome is
/// handled differently after start-up (at start-up an invalid configuration still fails the host).
/// </remarks>
internal sealed class ChatGptOptionsProvider : IDisposable
{
    private readonly IOptionsMonitor<ChatGptOptions> _monitor;
    private readonly IOptionsFactory<ChatGptOptions> _factory;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly List<IDisposable> _subscriptions = [];

    public ChatGptOptionsProvider(
        IOptionsMonitor<ChatGptOptions> monitor,
        IOptionsFactory<ChatGptOptions> factory,
        IEnumerable<IOptionsChangeTokenSource<ChatGptOptions>> sources,
        ILoggerFactory? loggerFactory = null)
    {
        _monitor = monitor;
        _factory = factory;
        _logger = loggerFactory?.CreateLogger(ChatGptConfigurationLog.Category) ?? NullLogger.Instance;

        // Checked when the change happens, not at the next call, so a rejected edit is logged while someone is looking.
        foreach (var source in sources)
        {
            var name = source.Name ?? Options.DefaultName;
            _subscriptions.Add(ChangeToken.OnChange(source.GetChangeToken, () => OnChanged(name)));
        }
    }

    /// <summary>The options to create a client of <paramref name="name"/> with.</summary>
    /// <exception cref="OptionsValidationException">The options are invalid and were never valid (start-up).</exception>
    public ChatGptOptions Get(string name)
    {
        var entry = _entries.GetOrAdd(name, static _ => new Entry());
        try
        {
            var options = _monitor.Get(name);
            if (!ReferenceEquals(options, entry.LastValid))
            {
                entry.LastValid = options;
                entry.LastRejection = null;
            }

            return options;
        }
        catch (Exception ex) when (entry.LastValid is { } lastValid && IsConfigurationError(ex))
        {
            Reject(name, entry, ex);
            return lastValid;
        }
    }

    /// <summary>The options a long-lived consumer of <paramref name="name"/> (the resilience pipeline) is built from, and
    /// the entry whose <see cref="Entry.Generation"/> moves on when a reload has validated: cheaper to watch per call than
    /// asking again, and free of the monitor's cache (which a change token may not have cleared yet when we hear of it).</summary>
    public ChatGptOptions GetWatched(string name, out Entry entry, out int generation)
    {
        entry = _entries.GetOrAdd(name, static _ => new Entry());
        generation = entry.CurrentGeneration;
        return entry.Reloaded ?? Get(name);
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }

    private void OnChanged(string name)
    {
        if (!_entries.TryGetValue(name, out var entry) || entry.LastValid is null)
        {
            return; // Nothing created yet: the first client validates as at start-up.
        }

        try
        {
            var options = _factory.Create(name);
            entry.LastRejection = null;
            entry.Reloaded = options;
            Interlocked.Increment(ref entry.Generation);
            ChatGptConfigurationLog.OptionsReloaded(_logger, name, options);
        }
        catch (Exception ex) when (IsConfigurationError(ex))
        {
            Reject(name, entry, ex);
        }
    }

    private void Reject(string name, Entry entry, Exception ex)
    {
        // One line per distinct problem, not one per call while the configuration stays broken.
        if (entry.LastRejection != ex.Message)
        {
            entry.LastRejection = ex.Message;
            ChatGptConfigurationLog.OptionsReloadRejected(_logger, name, ex.Message);
        }
    }

    // Validation failures, and binding failures (an unknown key, a value that does not convert).
    private static bool IsConfigurationError(Exception ex) => ex is OptionsValidationException or InvalidOperationException or FormatException;

    /// <summary>What is known of one name's options.</summary>
    internal sealed class Entry
    {
        public volatile ChatGptOptions? LastValid;
        public volatile string? LastRejection;

        /// <summary>The options of the last reload that validated, straight from the factory.</summary>
        public volatile ChatGptOptions? Reloaded;

        /// <summary>Moves on with every reload that validated.</summary>
        public int Generation;

        /// <summary>The current <see cref="Generation"/>.</summary>
        public int CurrentGeneration => Volatile.Read(ref Generation);
    }
}
