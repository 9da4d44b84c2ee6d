using System.Threading.RateLimiting;

namespace ChatGpt.Resilience.Internal;

/// <summary>
/// The built-in limiter of one API account: requests per minute and tokens per minute, in one
/// <see cref="RateLimiter"/> whose permit count is a call's estimated token cost (each acquisition also takes one
/// request). Waiters are served strictly first in, first out, so a large call is not starved by small ones; the queue
/// is bounded. Limits come from configuration and are learned from the server's headers; a 429 pauses the account.
/// </summary>
/// <remarks>All time comes from the injected <see cref="TimeProvider"/>, so tests drive it with a fake clock.</remarks>
internal sealed class AdaptiveRateLimiter : RateLimiter
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private readonly ITimer _timer;
    private readonly LinkedList<Waiter> _queue = new();
    private readonly TokenBucket _requests = new();
    private readonly TokenBucket _tokens = new();
    private long _lastRefill;
    private long _pausedUntil;
    private long _queuedTokens;
    private long _lastActivity;
    private long _successfulLeases;
    private long _failedLeases;
    private int _queueLimit;
    private bool _timerArmed;
    private bool _disposed;

    public AdaptiveRateLimiter(TimeProvider timeProvider, int? requestsPerMinute, int? tokensPerMinute, int queueLimit)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        _lastRefill = _lastActivity = _pausedUntil = timeProvider.GetTimestamp();
        _queueLimit = queueLimit;
        _requests.Configure(requestsPerMinute);
        _tokens.Configure(tokensPerMinute);
        _timer = timeProvider.CreateTimer(static state => ((AdaptiveRateLimiter)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Whether any limit is known (configured or learned); when not, acquisitions pass at once.</summary>
    public bool IsLimited
    {
        get
        {
            lock (_lock)
            {
                return _requests.IsLimited || _tokens.IsLimited;
            }
        }
    }

    /// <inheritdoc />
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count == 0 ? _timeProvider.GetElapsedTime(_lastActivity) : null;
            }
        }
    }

    /// <summary>The request budget, for tests and diagnostics.</summary>
    internal (double Available, double Capacity, double RatePerSecond) RequestBudget
    {
        get
        {
            lock (_lock)
            {
                RefillLocked();
                return (_requests.Available, _requests.Capacity, _requests.RatePerSecond);
            }
        }
    }

    /// <summary>The token budget, for tests and diagnostics.</summary>
    internal (double Available, double Capacity, double RatePerSecond) TokenBudget
    {
        get
        {
            lock (_lock)
            {
                RefillLocked();
                return (_tokens.Available, _tokens.Capacity, _tokens.RatePerSecond);
            }
        }
    }

    /// <summary>Applies another client's configured limits; when several clients configure the same account, the lowest
    /// limits and the smallest queue win, so that no client can spend another's share.</summary>
    public void Tighten(int? requestsPerMinute, int? tokensPerMinute, int queueLimit)
    {
        List<(Waiter Waiter, RateLimitLease Lease)>? ready = null;
        lock (_lock)
        {
            RefillLocked();
            _requests.Tighten(requestsPerMinute);
            _tokens.Tighten(tokensPerMinute);
            _queueLimit = Math.Min(_queueLimit, queueLimit);
            CollectReadyLocked(ref ready);
        }

        Complete(ready);
    }

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            RefillLocked();
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _tokens.IsLimited ? (long)Math.Max(0, _tokens.Available) : long.MaxValue,
                CurrentQueuedCount = _queue.Count,
                TotalFailedLeases = Interlocked.Read(ref _failedLeases),
                TotalSuccessfulLeases = Interlocked.Read(ref _successfulLeases),
            };
        }
    }

    /// <summary>How long a call of <paramref name="tokens"/> would wait if queued now, behind everyone queued.</summary>
    public TimeSpan EstimateWait(int tokens)
    {
        lock (_lock)
        {
            RefillLocked();
            return EstimateWaitLocked(_queue.Count + 1, _queuedTokens + tokens);
        }
    }

    /// <summary>Learns limits and remaining budget from a response's <c>x-ratelimit-*</c> headers.</summary>
    public void Observe(RateLimitSnapshot snapshot)
    {
        if (!snapshot.HasAny)
        {
            return;
        }

        // Learning and serving the queue share one lock section: this runs for every response.
        List<(Waiter Waiter, RateLimitLease Lease)>? ready = null;
        lock (_lock)
        {
            RefillLocked();
            _requests.Learn(snapshot.LimitRequests, snapshot.RemainingRequests, snapshot.ResetRequests);
            _tokens.Learn(snapshot.LimitTokens, snapshot.RemainingTokens, snapshot.ResetTokens);
            CollectReadyLocked(ref ready);
        }

        Complete(ready);
    }

    /// <summary>Holds every call of this account for <paramref name="duration"/>: the server said it is over its limit,
    /// and sending more before then would only earn more 429s.</summary>
    public void Pause(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        lock (_lock)
        {
            var until = _timeProvider.GetTimestamp() + (long)(duration.TotalSeconds * _timeProvider.TimestampFrequency);
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }

            ScheduleLocked();
        }
    }

    /// <summary>Corrects a call's token cost once its real usage is known: refunds an overestimate, charges an
    /// underestimate.</summary>
    public void CorrectTokens(int estimated, int actual)
    {
        if (estimated == actual)
        {
            return;
        }

        List<(Waiter Waiter, RateLimitLease Lease)>? ready = null;
        lock (_lock)
        {
            RefillLocked();
            _tokens.Give(estimated - actual);
            CollectReadyLocked(ref ready);
        }

        Complete(ready);
    }

    /// <summary>The fast path of an acquisition: the lease if the call can go at once (nobody queued, budget left),
    /// otherwise <see langword="null"/>, counting no failure, for the caller to go on to <see cref="RateLimiter.AcquireAsync"/>.</summary>
    public RateLimitLease? TryAcquireNow(int permitCount)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            RefillLocked();
            return _queue.Count == 0 && !IsTooLargeLocked(permitCount) && CanServeLocked(permitCount)
                ? TakeLocked(permitCount)
                : null;
        }
    }

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            RefillLocked();
            if (RejectTooLargeLocked(permitCount) is { } tooLarge)
            {
                return tooLarge;
            }

            if (_queue.Count == 0 && CanServeLocked(permitCount))
            {
                return TakeLocked(permitCount);
            }

            Interlocked.Increment(ref _failedLeases);
            return new LimiterLease(false, EstimateWaitLocked(_queue.Count + 1, _queuedTokens + permitCount), "the client-side rate limit has no room for it now.");
        }
    }

    /// <inheritdoc />
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            RefillLocked();
            if (RejectTooLargeLocked(permitCount) is { } tooLarge)
            {
                return new(tooLarge);
            }

            if (_queue.Count == 0 && CanServeLocked(permitCount))
            {
                return new(TakeLocked(permitCount));
            }

            if (_queue.Count >= _queueLimit)
            {
                Interlocked.Increment(ref _failedLeases);
                var wait = EstimateWaitLocked(_queue.Count + 1, _queuedTokens + permitCount);
                return new(new LimiterLease(false, wait, $"the client-side rate limiter's queue is full ({_queueLimit} calls waiting)."));
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromCanceled<RateLimitLease>(cancellationToken);
            }

            var waiter = new Waiter(this, permitCount, cancellationToken);
            waiter.Node = _queue.AddLast(waiter);
            _queuedTokens += permitCount;
            if (cancellationToken.CanBeCanceled)
            {
                // Registered under the lock: a callback racing with us waits for it; one that runs inline (the token
                // was cancelled just now) re-enters the lock on this thread and dequeues the waiter, which is fine.
                waiter.Registration = cancellationToken.UnsafeRegister(static state => ((Waiter)state!).Cancel(), waiter);
            }

            ScheduleLocked();
            return new(waiter.Task);
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        List<Waiter> abandoned;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            abandoned = [.. _queue];
            _queue.Clear();
            _queuedTokens = 0;
        }

        _timer.Dispose();
        foreach (var waiter in abandoned)
        {
            waiter.Registration.Dispose();
            waiter.TrySetResult(new LimiterLease(false, null, "the client-side rate limiter was disposed."));
        }
    }

    private void OnTimer() => ServeReady();

    /// <summary>Admits every waiter at the head of the queue that fits now, then re-arms the timer for the next one.</summary>
    private void ServeReady()
    {
        List<(Waiter Waiter, RateLimitLease Lease)>? ready = null;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            RefillLocked();
            CollectReadyLocked(ref ready);
        }

        Complete(ready);
    }

    /// <summary>Takes off the queue every waiter at its head that fits now (refilled by the caller), then re-arms the
    /// timer for the next one; the caller completes them with <see cref="Complete"/> once out of the lock.</summary>
    private void CollectReadyLocked(ref List<(Waiter Waiter, RateLimitLease Lease)>? ready)
    {
        if (_disposed)
        {
            return;
        }

        while (_queue.First is { } node)
        {
            var waiter = node.Value;
            RateLimitLease? lease = RejectTooLargeLocked(waiter.Permits);
            if (lease is null && !CanServeLocked(waiter.Permits))
            {
                break;
            }

            RemoveLocked(waiter);
            lease ??= TakeLocked(waiter.Permits);
            (ready ??= []).Add((waiter, lease));
        }

        ScheduleLocked();
    }

    private void Complete(List<(Waiter Waiter, RateLimitLease Lease)>? ready)
    {
        if (ready is null)
        {
            return;
        }

        // Completed outside the lock: continuations run asynchronously anyway, and the registration's disposal may wait
        // for a running cancellation callback that itself takes the lock.
        foreach (var (waiter, lease) in ready)
        {
            waiter.Registration.Dispose();
            if (!waiter.TrySetResult(lease) && lease.IsAcquired)
            {
                Refund(waiter.Permits);
            }
        }
    }

    private void Refund(int permits)
    {
        lock (_lock)
        {
            _requests.Give(1);
            _tokens.Give(permits);
        }
    }

    private void OnWaiterCanceled(Waiter waiter)
    {
        lock (_lock)
        {
            if (waiter.Node?.List is null)
            {
                return;
            }

            RemoveLocked(waiter);
            ScheduleLocked();
        }

        waiter.TrySetCanceled();

        // The cancelled waiter may have been the head that blocked smaller ones behind it.
        ServeReady();
    }

    private void RemoveLocked(Waiter waiter)
    {
        _queue.Remove(waiter.Node!);
        _queuedTokens -= waiter.Permits;
    }

    private bool IsTooLargeLocked(int permitCount) => _tokens.IsLimited && permitCount > _tokens.Capacity;

    private LimiterLease? RejectTooLargeLocked(int permitCount)
    {
        if (IsTooLargeLocked(permitCount))
        {
            Interlocked.Increment(ref _failedLeases);
            return new LimiterLease(false, null, $"its estimated cost of {permitCount} tokens exceeds the whole budget of {_tokens.Capacity:0} tokens per minute, so it could never pass.");
        }

        return null;
    }

    private bool CanServeLocked(int permitCount) =>
        _timeProvider.GetTimestamp() >= _pausedUntil && _requests.CanTake(1) && _tokens.CanTake(permitCount);

    private LimiterLease TakeLocked(int permitCount)
    {
        _requests.Take(1);
        _tokens.Take(permitCount);
        _lastActivity = _timeProvider.GetTimestamp();
        Interlocked.Increment(ref _successfulLeases);
        return LimiterLease.Acquired;
    }

    private void RefillLocked()
    {
        var now = _timeProvider.GetTimestamp();
        var elapsed = (now - _lastRefill) / (double)_timeProvider.TimestampFrequency;
        _lastRefill = now;
        _requests.Refill(elapsed);
        _tokens.Refill(elapsed);
    }

    private TimeSpan EstimateWaitLocked(int requests, long tokens)
    {
        var paused = _timeProvider.GetTimestamp() is var now && now < _pausedUntil
            ? TimeSpan.FromSeconds((_pausedUntil - now) / (double)_timeProvider.TimestampFrequency)
            : TimeSpan.Zero;
        var forRequests = _requests.TimeUntil(requests);
        var forTokens = _tokens.TimeUntil(tokens);
        return Max(paused, Max(forRequests, forTokens));
    }

    private void ScheduleLocked()
    {
        if (_disposed)
        {
            return;
        }

        if (_queue.First is not { } head)
        {
            // Disarming an idle timer still takes the runtime's timer lock: skipped on the common, empty-queue path.
            if (_timerArmed)
            {
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _timerArmed = false;
            }

            return;
        }

        var wait = EstimateWaitLocked(1, head.Value.Permits);

        // Whole milliseconds, at least one: a timer due a hair early would find the bucket a hair short and spin.
        var due = TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(wait.TotalMilliseconds)));
        _timer.Change(due, Timeout.InfiniteTimeSpan);
        _timerArmed = true;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>A call waiting for its turn.</summary>
    private sealed class Waiter
    {
        private readonly AdaptiveRateLimiter _limiter;
        private readonly TaskCompletionSource<RateLimitLease> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationToken _cancellationToken;

        public Waiter(AdaptiveRateLimiter limiter, int permits, CancellationToken cancellationToken)
        {
            _limiter = limiter;
            Permits = permits;
            _cancellationToken = cancellationToken;
        }

        public int Permits { get; }

        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Registration { get; set; }

        public Task<RateLimitLease> Task => _completion.Task;

        public bool TrySetResult(RateLimitLease lease) => _completion.TrySetResult(lease);

        public void TrySetCanceled() => _completion.TrySetCanceled(_cancellationToken);

        public void Cancel() => _limiter.OnWaiterCanceled(this);
    }
}
