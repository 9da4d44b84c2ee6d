using Microsoft.Extensions.Logging;

namespace ChatGpt.RateLimiting.Redis.Internal;

/// <summary>
/// Whether the store uses Redis now. After a failure (unreachable, slow, an error) it stays on the local limiter for
/// <see cref="ChatGptRedisRateLimitingOptions.RetryInterval"/>; then one call at a time tries Redis again, and the first
/// success rejoins. The warning is logged once per outage, not per call.
/// </summary>
internal sealed class RedisStoreHealth
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _retryInterval;
    private readonly ILogger _logger;
    private readonly RedisRateLimitingMetrics _metrics;
    private bool _down;
    private int _slowInARow;
    private bool _trialRunning;
    private long _downSince;
    private long _nextTrial;

    public RedisStoreHealth(TimeProvider timeProvider, TimeSpan retryInterval, ILogger logger, RedisRateLimitingMetrics metrics)
    {
        _timeProvider = timeProvider;
        _retryInterval = retryInterval;
        _logger = logger;
        _metrics = metrics;
    }

    /// <summary>Raised (on the calling thread) when Redis answers again after an outage.</summary>
    public event Action? Rejoined;

    public bool IsShared => !Volatile.Read(ref _down);

    /// <summary>Whether this call should ask Redis: always while it is up; while it is down, one call per retry interval.</summary>
    public bool ShouldTry()
    {
        if (!Volatile.Read(ref _down))
        {
            return true;
        }

        lock (_lock)
        {
            if (!_down)
            {
                return true;
            }

            if (_trialRunning || _timeProvider.GetTimestamp() < _nextTrial)
            {
                return false;
            }

            _trialRunning = true;
            return true;
        }
    }

    public void Succeeded()
    {
        Volatile.Write(ref _slowInARow, 0);
        if (!Volatile.Read(ref _down))
        {
            return;
        }

        double downMs;
        lock (_lock)
        {
            if (!_down)
            {
                return;
            }

            _down = false;
            _trialRunning = false;
            downMs = _timeProvider.GetElapsedTime(_downSince).TotalMilliseconds;
        }

        RedisRateLimitingLog.Rejoined(_logger, Math.Round(downMs));
        Rejoined?.Invoke();
    }

    /// <summary>
    /// An answer slower than the budget. That call goes on locally; the store leaves Redis only when
    /// <see cref="RedisRateLimitingDefaults.SlowAnswersBeforeFallback"/> answers in a row were slow, or at once while it is
    /// already trying to rejoin. One late answer is the sender's scheduling as often as the server (a process starting a
    /// burst, a garbage collection), and leaving the shared budget costs far more than the wait.
    /// </summary>
    /// <returns>Whether the store left Redis now.</returns>
    public bool Slow(string reason)
    {
        if (Interlocked.Increment(ref _slowInARow) < RedisRateLimitingDefaults.SlowAnswersBeforeFallback && !Volatile.Read(ref _down))
        {
            return false;
        }

        Failed(reason);
        return true;
    }

    public void Failed(string reason)
    {
        lock (_lock)
        {
            _trialRunning = false;
            _nextTrial = _timeProvider.GetTimestamp() + (long)(_retryInterval.TotalSeconds * _timeProvider.TimestampFrequency);
            if (_down)
            {
                return;
            }

            _down = true;
            _downSince = _timeProvider.GetTimestamp();
        }

        _metrics.RecordFallback(reason);
        RedisRateLimitingLog.Unavailable(_logger, reason, _retryInterval.TotalMilliseconds);
    }

    /// <summary>The caller gave up (cancelled) before Redis answered: let the next call try.</summary>
    public void Abandoned()
    {
        lock (_lock)
        {
            _trialRunning = false;
        }
    }
}
