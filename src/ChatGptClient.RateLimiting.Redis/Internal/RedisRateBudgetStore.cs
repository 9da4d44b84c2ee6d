using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ChatGpt.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace ChatGpt.RateLimiting.Redis.Internal;

/// <summary>
/// The rate budgets of every replica in Redis: each acquisition and each report is one server-side script
/// (<see cref="RedisBudgetScripts"/>), so the buckets, learned limits, remaining budgets, token corrections, 429 pauses
/// and the cold-start probe are shared and updated atomically. When Redis is unreachable, slower than
/// <see cref="ChatGptRedisRateLimitingOptions.OperationTimeout"/> or failing, the call goes on with the local
/// <see cref="ChatGptInProcessRateBudgetStore"/>, seeded with the budget's last shared state; Redis is tried again every
/// <see cref="ChatGptRedisRateLimitingOptions.RetryInterval"/> and rejoined at the first answer.
/// </summary>
internal sealed class RedisRateBudgetStore : IChatGptRateBudgetStore, IAsyncDisposable, IDisposable
{
    private readonly RedisConnection _connection;
    private readonly ChatGptRedisRateLimitingOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ChatGptInProcessRateBudgetStore _local;
    private readonly RedisRateLimitingMetrics _metrics;
    private readonly RedisStoreHealth _health;

    // The last state Redis reported per budget: seeds the local store in an outage, feeds the limit gauge and the
    // "learned" log. Bounded: cleared if a process somehow sees more budgets than that.
    private readonly ConcurrentDictionary<string, ChatGptRateBudgetSnapshot> _lastShared = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _seeded = new(StringComparer.Ordinal);

    // How many replicas shared each budget's account at its last acquisition: in an outage this replica paces with its
    // share of the limits, so that together the replicas still stay near the account's limits.
    private readonly ConcurrentDictionary<string, int> _replicas = new(StringComparer.Ordinal);

    // This process in the account's replica set.
    private readonly string _replicaId = Guid.NewGuid().ToString("N");

    // Probes granted by Redis whose end could not be reported there: reported at the rejoin, so the other replicas do
    // not wait for the probe timeout.
    private readonly ConcurrentDictionary<string, (ChatGptRateBudgetKey Key, ChatGptRateBudgetPolicy Policy)> _pendingProbeEnds = new(StringComparer.Ordinal);

    public RedisRateBudgetStore(RedisConnection connection, ChatGptRedisRateLimitingOptions options, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, IMeterFactory? meterFactory)
    {
        _connection = connection;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = loggerFactory?.CreateLogger(RedisRateLimitingLog.Category) ?? NullLogger.Instance;
        _local = new ChatGptInProcessRateBudgetStore(_timeProvider);
        _metrics = new RedisRateLimitingMetrics(meterFactory, () => _health!.IsShared, _lastShared);
        _health = new RedisStoreHealth(_timeProvider, options.RetryInterval, _logger, _metrics);
        _health.Rejoined += _seeded.Clear;
        _ = WarmUpAsync();
    }

    /// <summary>Whether budgets are shared through Redis now (not on the local fallback).</summary>
    public bool IsShared => _health.IsShared;

    public async ValueTask<ChatGptRateBudgetAcquisition> TryAcquireAsync(ChatGptRateBudgetKey key, ChatGptRateBudgetPolicy policy, long tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        cancellationToken.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();
        if (_health.ShouldTry())
        {
            var reply = await TryRunAsync(
                RedisBudgetScripts.Acquire,
                RedisBudgetArguments.AcquireKeys(_options.KeyPrefix, key, policy),
                RedisBudgetArguments.Acquire(Now(), tokens, policy, _options.KeyExpiry, _options.ProbePollInterval, _replicaId),
                cancellationToken).ConfigureAwait(false);
            if (reply is { } shared)
            {
                var acquisition = shared.ToAcquisition(key.ModelGroup);
                Remember(key, acquisition.Budget);
                _replicas[key.StoreKey] = shared.Replicas;
                _metrics.RecordRefusal(acquisition);
                _metrics.RecordDuration(started, "acquire", shared: true);
                return acquisition;
            }
        }

        await SeedAsync(key, policy, cancellationToken).ConfigureAwait(false);
        var local = await _local.TryAcquireAsync(key, policy, tokens, cancellationToken).ConfigureAwait(false);
        _metrics.RecordRefusal(local);
        _metrics.RecordDuration(started, "acquire", shared: false);
        return local;
    }

    public async ValueTask<ChatGptRateBudgetSnapshot> ReportAsync(ChatGptRateBudgetKey key, ChatGptRateBudgetPolicy policy, ChatGptRateBudgetFeedback feedback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        cancellationToken.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();
        if (_health.ShouldTry())
        {
            var reply = await TryRunAsync(
                RedisBudgetScripts.Report,
                RedisBudgetArguments.ReportKeys(_options.KeyPrefix, key, policy, feedback),
                RedisBudgetArguments.Report(Now(), policy, feedback, _options.KeyExpiry),
                cancellationToken).ConfigureAwait(false);
            if (reply is { } shared)
            {
                var snapshot = shared.ToSnapshot(key.ModelGroup);
                Remember(key, snapshot);
                _metrics.RecordDuration(started, "report", shared: true);
                return snapshot;
            }
        }

        if (feedback.ProbeEnded && _pendingProbeEnds.Count < RedisRateLimitingDefaults.MaxRememberedBudgets)
        {
            _pendingProbeEnds[key.StoreKey] = (key, policy);
        }

        await SeedAsync(key, policy, cancellationToken).ConfigureAwait(false);
        var local = await _local.ReportAsync(key, policy, ShareOf(feedback, ReplicasOf(key)), cancellationToken).ConfigureAwait(false);
        _metrics.RecordDuration(started, "report", shared: false);
        return local;
    }

    public async ValueTask DisposeAsync()
    {
        _metrics.Dispose();
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The instant the scripts compute with: the Redis server's clock (<see langword="null"/>), shared by every
    /// replica; or, for tests, the injected clock in seconds.</summary>
    private double? Now() => _options.UseServerClock ? null : _timeProvider.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>Runs one script within the time budget. Any failure marks Redis unavailable (logged once) and returns
    /// <see langword="null"/> for the caller to go local; only the caller's own cancellation escapes.</summary>
    private async ValueTask<RedisBudgetReply?> TryRunAsync(RedisScript script, RedisKey[] keys, RedisValue[] values, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        string reason;
        try
        {
            var connecting = _connection.GetAsync();
            var connection = connecting.IsCompletedSuccessfully ? connecting.Result : await ConnectedOrNullAsync(connecting, cancellationToken).ConfigureAwait(false);
            if (connection is null || !connection.IsConnected)
            {
                // Not a slow answer but no connection yet: leave Redis for the retry interval, as when it is down.
                reason = "unreachable: not connected";
            }
            else
            {
                var left = _options.OperationTimeout - _timeProvider.GetElapsedTime(started);
                var result = await Bounded(script.EvaluateAsync(connection.GetDatabase(), keys, values), left, cancellationToken).ConfigureAwait(false);
                var reply = RedisBudgetReply.Parse(result);
                _health.Succeeded();
                if (!_pendingProbeEnds.IsEmpty)
                {
                    await FlushProbeEndsAsync(connection, cancellationToken).ConfigureAwait(false);
                }

                return reply;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _health.Abandoned();
            throw;
        }
        catch (TimeoutException)
        {
            // This call goes on locally; Redis is left only when it stays slow.
            _health.Slow($"slow: no answer within {_options.OperationTimeout.TotalMilliseconds:0} ms");
            return null;
        }
        catch (RedisConnectionException)
        {
            reason = "unreachable: connection failed";
        }
        catch (Exception exception) when (exception is RedisException or ObjectDisposedException or InvalidOperationException)
        {
            // The type only: a server's message may quote arguments.
            reason = $"failed: {exception.GetType().Name}";
        }

        _health.Failed(reason);
        return null;
    }

    /// <summary>
    /// Loads both scripts into Redis as soon as the connection is up, so that the first acquisition of a burst is one
    /// <c>EVALSHA</c> round trip on warm code, rather than a <c>NOSCRIPT</c> error, an <c>EVAL</c> of the whole text and
    /// the compilation of both paths, which together can take longer than <see cref="ChatGptRedisRateLimitingOptions.OperationTimeout"/>
    /// and send a replica to its local limiter at the worst moment. Best effort: a failure here changes nothing.
    /// </summary>
    private async Task WarmUpAsync()
    {
        try
        {
            var connection = await _connection.GetAsync().ConfigureAwait(false);
            if (!connection.IsConnected)
            {
                return;
            }

            var database = connection.GetDatabase();
            await database.ExecuteAsync("SCRIPT", "LOAD", RedisBudgetScripts.AcquireText).ConfigureAwait(false);
            await database.ExecuteAsync("SCRIPT", "LOAD", RedisBudgetScripts.ReportText).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException or InvalidOperationException)
        {
            // The first call loads the script itself (EVAL on NOSCRIPT), as after a server restart.
        }
    }

    /// <summary>The first connection once it is made, or <see langword="null"/> when it takes longer than the time budget.</summary>
    private async ValueTask<IConnectionMultiplexer?> ConnectedOrNullAsync(Task<IConnectionMultiplexer> connecting, CancellationToken cancellationToken)
    {
        try
        {
            return await Bounded(connecting, _options.OperationTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private async ValueTask FlushProbeEndsAsync(IConnectionMultiplexer connection, CancellationToken cancellationToken)
    {
        foreach (var (id, (key, policy)) in _pendingProbeEnds)
        {
            if (!_pendingProbeEnds.TryRemove(id, out _))
            {
                continue;
            }

            var feedback = new ChatGptRateBudgetFeedback { ProbeEnded = true };
            try
            {
                await Bounded(
                    RedisBudgetScripts.Report.EvaluateAsync(
                        connection.GetDatabase(),
                        RedisBudgetArguments.ReportKeys(_options.KeyPrefix, key, policy, feedback),
                        RedisBudgetArguments.Report(Now(), policy, feedback, _options.KeyExpiry)),
                    _options.OperationTimeout,
                    cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                // The probe times out in Redis by itself; this was only to spare the others the wait.
            }
        }
    }

    /// <summary>Waits for <paramref name="task"/> at most <paramref name="timeout"/> on the store's clock. A task given up
    /// on is still observed, so its late failure is not an unobserved exception.</summary>
    private async Task<T> Bounded<T>(Task<T> task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (timeout <= TimeSpan.Zero && !task.IsCompleted)
        {
            Observe(task);
            throw new TimeoutException();
        }

        try
        {
            return await task.WaitAsync(timeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException && !task.IsCompleted)
        {
            Observe(task);
            throw;
        }
    }

    private static void Observe(Task task) =>
        task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private void Remember(ChatGptRateBudgetKey key, ChatGptRateBudgetSnapshot snapshot)
    {
        var id = key.StoreKey;
        if (_lastShared.Count >= RedisRateLimitingDefaults.MaxRememberedBudgets && !_lastShared.ContainsKey(id))
        {
            _lastShared.Clear();
            _replicas.Clear();
        }

        var previous = _lastShared.TryGetValue(id, out var known) ? known : null;
        _lastShared[id] = snapshot;
        if (snapshot.IsLearned && (previous is null || !previous.IsLearned || previous.RequestLimit != snapshot.RequestLimit || previous.TokenLimit != snapshot.TokenLimit))
        {
            RedisRateLimitingLog.Learned(_logger, snapshot.ModelGroup, snapshot.RequestLimit, snapshot.RequestWindow.TotalSeconds, snapshot.TokenLimit, snapshot.TokenWindow.TotalSeconds);
        }
    }

    /// <summary>The first time a budget is used locally in an outage, gives the local store what Redis last said of it.</summary>
    private async ValueTask SeedAsync(ChatGptRateBudgetKey key, ChatGptRateBudgetPolicy policy, CancellationToken cancellationToken)
    {
        var id = key.StoreKey;
        if (!_lastShared.TryGetValue(id, out var shared) || !_seeded.TryAdd(id, 0) || SeedOf(shared, ReplicasOf(key)) is not { } seed)
        {
            return;
        }

        await _local.ReportAsync(key, policy, seed, cancellationToken).ConfigureAwait(false);
        RedisRateLimitingLog.Seeded(_logger, key.ModelGroup, shared.RequestLimit, shared.TokenLimit);
    }

    private int ReplicasOf(ChatGptRateBudgetKey key) => _replicas.TryGetValue(key.StoreKey, out var replicas) ? replicas : 1;

    /// <summary>The feedback that makes a local budget this replica's share of what the shared one was: its limits
    /// (learned or configured, the lower wins anyway) and what was left of them divided among the
    /// <paramref name="replicas"/> that shared it, or the server's word that there are none.</summary>
    internal static ChatGptRateBudgetFeedback? SeedOf(ChatGptRateBudgetSnapshot shared, int replicas = 1) => shared.Phase switch
    {
        ChatGptRateBudgetPhase.Limited when shared.IsLearned => ShareOf(
            new ChatGptRateBudgetFeedback
            {
                RequestLimit = shared.RequestLimit,
                RequestWindow = shared.RequestWindow,
                RemainingRequests = Remaining(shared.RequestsAvailable),
                TokenLimit = shared.TokenLimit,
                TokenWindow = shared.TokenWindow,
                RemainingTokens = Remaining(shared.TokensAvailable),
            },
            replicas),
        ChatGptRateBudgetPhase.Unlimited => new ChatGptRateBudgetFeedback { NoLimitsReported = true },
        _ => null,
    };

    /// <summary>
    /// A response's limits as this replica's share while it paces alone: the server's headers describe the whole account,
    /// which every replica that fell back would otherwise spend in full (four replicas, four times the limit). The
    /// corrections and the 429's pause are this replica's own and stay whole.
    /// </summary>
    internal static ChatGptRateBudgetFeedback ShareOf(in ChatGptRateBudgetFeedback feedback, int replicas) => replicas <= 1 ? feedback : feedback with
    {
        RequestLimit = Share(feedback.RequestLimit, replicas, roundUp: true),
        RemainingRequests = Share(feedback.RemainingRequests, replicas, roundUp: false),
        TokenLimit = Share(feedback.TokenLimit, replicas, roundUp: true),
        RemainingTokens = Share(feedback.RemainingTokens, replicas, roundUp: false),
    };

    private static long? Share(long? value, int replicas, bool roundUp) => value switch
    {
        null => null,
        var v when roundUp => Math.Max(1, (v.Value + replicas - 1) / replicas),
        var v => v.Value / replicas,
    };

    private static long? Remaining(double? available) => available is { } a ? (long)Math.Max(0, Math.Floor(a)) : null;
}
