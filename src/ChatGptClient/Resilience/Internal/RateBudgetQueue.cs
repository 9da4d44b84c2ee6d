using Microsoft.Extensions.Logging;

namespace ChatGpt.Resilience.Internal;

/// <summary>
/// The local side of one rate budget: this process's first-in, first-out queue of calls waiting for it, in front of the
/// budget's state in an <see cref="IChatGptRateBudgetStore"/>. Only the head of the queue asks the store; refused, it
/// waits the store's <see cref="ChatGptRateBudgetAcquisition.RetryAfter"/> on a timer, or less when this process reports
/// feedback for the budget (a probe's answer, a refund), which wakes the queue at once.
/// </summary>
/// <remarks>
/// <para>The queue is bounded (<see cref="ChatGptResilienceOptions.QueueLimit"/>) and a call that could not get its turn
/// before its deadline is refused at once rather than left to time out; both count as failed leases.</para>
/// <para>A call of cost 0 tokens (the models list) skips the queue: it never waits behind calls held by tokens.</para>
/// <para>The store is never a reason for a call to fail: an exception from it is logged and the call passes.</para>
/// </remarks>
internal sealed class RateBudgetQueue : IDisposable
{
    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter> _queue = new();
    private readonly IChatGptRateBudgetStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private ChatGptRateBudgetPolicy _policy;
    private int _queueLimit;
    private long _queuedTokens;
    private long _successfulLeases;
    private long _failedLeases;
    private bool _pumping;
    private bool _pumpRequested;
    private bool _asking;

    // A store other than the in-process one answers over the network: its questions go one at a time (_asking) and
    // its routine feedback is held (see Coalesce). The in-process store answers synchronously under its own lock.
    private readonly bool _shared;
    private long _lastReport;
    private bool _disposed;
    private ChatGptRateBudgetSnapshot _lastKnown;

    // Routine feedback (see IsRoutine) is held, merged (see Merge): for the in-process store until the budget's next
    // question, which applies it under the same lock as of when it was observed, instead of taking the store's lock once
    // per report (anything else, or anyone waiting, sends it at once); for a shared store, see Coalesce.
    private readonly ChatGptInProcessRateBudgetStore? _inProcess;
    private bool _holding;
    private ChatGptRateBudgetFeedback _held;
    private long _heldAt;
    private long _heldTokenCorrection;

    // A lease from the in-process store: calls (and their tokens) it granted ahead with a grant, handed out here under
    // this queue's lock while no one waits, and given back unspent with the next question or report (see TakeHeld). One
    // queue serves a budget in a process, so every report that could change the budget's course passes through here.
    private long _leaseCalls;
    private long _leaseTokens;

    public RateBudgetQueue(IChatGptRateBudgetStore store, ChatGptRateBudgetKey key, ChatGptRateBudgetPolicy policy, int queueLimit, TimeProvider timeProvider, ILogger logger)
    {
        _store = store;
        _inProcess = store as ChatGptInProcessRateBudgetStore;
        _shared = _inProcess is null;
        Key = key;
        _policy = policy;
        _queueLimit = Math.Max(0, queueLimit);
        _timeProvider = timeProvider;
        _logger = logger;
        _lastKnown = ChatGptRateBudgetSnapshot.Cold with { ModelGroup = key.ModelGroup };
        CorrectTokens = (estimated, actual) =>
        {
            var correction = RateLimitFeedback.TokenCorrection(estimated, actual);
            if (correction != 0)
            {
                Report(new ChatGptRateBudgetFeedback { TokenCorrection = correction });
            }
        };
        _timer = timeProvider.CreateTimer(static state => ((RateBudgetQueue)state!).Pump(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>How often routine feedback reaches a shared store at most (see <see cref="Coalesce"/>).</summary>
    public static readonly TimeSpan RoutineReportInterval = TimeSpan.FromMilliseconds(250);

    public ChatGptRateBudgetKey Key { get; }

    /// <summary>Corrects a call's token cost from (estimate, usage): one delegate per budget, so a call allocates none.</summary>
    public Action<int, int> CorrectTokens { get; }

    public ChatGptRateBudgetPolicy Policy => Volatile.Read(ref _policy);

    /// <summary>The budget's state as last seen from the store.</summary>
    public ChatGptRateBudgetSnapshot LastKnown => Volatile.Read(ref _lastKnown);

    /// <summary>The budget's state with every report this process made applied (<see cref="LastKnown"/> may not have
    /// the held routine feedback of the in-process store yet): for readers, not for the hot path.</summary>
    public ChatGptRateBudgetSnapshot Current()
    {
        if (_inProcess is not null && (Volatile.Read(ref _holding) || Interlocked.Read(ref _leaseCalls) > 0))
        {
            SendInProcess(default);
        }

        return LastKnown;
    }

    public long SuccessfulLeases => Interlocked.Read(ref _successfulLeases);

    /// <summary>Refusals of every kind: queue full, deadline, disposal.</summary>
    public long FailedLeases => Interlocked.Read(ref _failedLeases);

    public int QueuedCount
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Applies another client's configuration of the same budget: the lower limits and the smaller queue win.</summary>
    public void Tighten(ChatGptRateBudgetPolicy policy, int queueLimit)
    {
        lock (_lock)
        {
            _policy = _policy.Tighten(policy);
            _queueLimit = Math.Min(_queueLimit, Math.Max(0, queueLimit));
        }
    }

    /// <summary>Waits for one request and <paramref name="tokens"/> tokens of the budget, in turn.</summary>
    /// <param name="tokens">The call's estimated cost.</param>
    /// <param name="deadline">When the whole call must be over, if known: a wait that would pass it is refused now.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public ValueTask<RateBudgetLease> AcquireAsync(long tokens, DateTimeOffset? deadline, CancellationToken cancellationToken)
    {
        tokens = Math.Max(0, tokens);
        bool direct;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_leaseCalls > 0 && tokens <= _leaseTokens && _queue.Count == 0 && !_pumping)
            {
                _leaseCalls--;
                _leaseTokens -= tokens;
                Interlocked.Increment(ref _successfulLeases);
                return new(RateBudgetLease.Granted);
            }

            // One question at a time to a shared store: a burst of calls arriving together must not become a burst of
            // round trips (each would be refused but the first, and together they would slow the store past its time
            // budget). Calls that arrive while one is asking wait in the queue, in order.
            direct = tokens == 0 || (_queue.Count == 0 && !_pumping && !_asking);
            if (direct && Asks(tokens))
            {
                _asking = true;
            }
        }

        if (!direct)
        {
            return Enqueue(tokens, TimeSpan.Zero, deadline, first: false, cancellationToken);
        }

        // The store answers synchronously in process: no state machine then, and a queued call's task is the waiter's own.
        var pending = TryStoreAsync(tokens, lease: true, cancellationToken);
        return pending.IsCompletedSuccessfully
            ? AfterStore(pending.Result, tokens, deadline, cancellationToken)
            : AwaitStoreAsync(pending, tokens, deadline, cancellationToken);
    }

    private async ValueTask<RateBudgetLease> AwaitStoreAsync(ValueTask<ChatGptRateBudgetAcquisition> pending, long tokens, DateTimeOffset? deadline, CancellationToken cancellationToken)
    {
        ChatGptRateBudgetAcquisition decision;
        try
        {
            decision = await pending.ConfigureAwait(false);
        }
        catch
        {
            // Cancelled while asking: the calls queued behind it must not wait for an answer that will not come.
            if (Asks(tokens))
            {
                EndAsking();
            }

            throw;
        }

        return await AfterStore(decision, tokens, deadline, cancellationToken).ConfigureAwait(false);
    }

    private ValueTask<RateBudgetLease> AfterStore(in ChatGptRateBudgetAcquisition decision, long tokens, DateTimeOffset? deadline, CancellationToken cancellationToken)
    {
        if (decision.Acquired)
        {
            Interlocked.Increment(ref _successfulLeases);
            if (Asks(tokens))
            {
                EndAsking();
            }

            return new(decision.IsProbe ? RateBudgetLease.GrantedProbe : RateBudgetLease.Granted);
        }

        if (!Asks(tokens))
        {
            return Enqueue(tokens, decision.RetryAfter, deadline, first: false, cancellationToken);
        }

        // Refused after asking: it arrived before everyone queued behind it, so it goes first; then the queue waits for
        // the store's hint.
        try
        {
            return Enqueue(tokens, decision.RetryAfter, deadline, first: true, cancellationToken);
        }
        finally
        {
            EndAsking(decision.RetryAfter);
        }
    }

    /// <summary>Whether a direct call of <paramref name="tokens"/> holds the one question to the store.</summary>
    private bool Asks(long tokens) => _shared && tokens > 0;

    /// <summary>The direct call's answer is in: the queue that formed behind it may go on, at once after a grant (or when
    /// feedback arrived meanwhile), else when the store's hint says there could be room.</summary>
    private void EndAsking(TimeSpan? refusedFor = null)
    {
        bool pump;
        lock (_lock)
        {
            _asking = false;
            pump = _queue.Count > 0 && !_pumping && !_disposed;
            if (pump && refusedFor is { } wait && !_pumpRequested)
            {
                Arm(wait);
                pump = false;
            }
        }

        if (pump)
        {
            Pump();
        }
    }

    private ValueTask<RateBudgetLease> Enqueue(long tokens, TimeSpan retryAfter, DateTimeOffset? deadline, bool first, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_queue.Count >= _queueLimit)
            {
                Interlocked.Increment(ref _failedLeases);
                return new(new RateBudgetLease(false, false, EstimateWaitLocked(tokens, retryAfter), $"the client-side rate limiter's queue is full ({_queueLimit} calls waiting).", RateBudgetLease.QueueFull));
            }

            if (deadline is { } due)
            {
                var left = due - _timeProvider.GetUtcNow();
                var wait = EstimateWaitLocked(tokens, retryAfter);
                if (wait > TimeSpan.Zero && wait >= left)
                {
                    // Queueing would only end in a timeout: say so now, with when the budget should be back.
                    Interlocked.Increment(ref _failedLeases);
                    return new(new RateBudgetLease(false, false, wait, $"the client-side rate limit has no room for it before its timeout (about {wait.TotalSeconds:0.#} s of waiting, {Math.Max(0, left.TotalSeconds):0.#} s left).", RateBudgetLease.Deadline));
                }
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromCanceled<RateBudgetLease>(cancellationToken);
            }

            var waiter = new Waiter(this, tokens, cancellationToken);
            waiter.Node = first ? _queue.AddFirst(waiter) : _queue.AddLast(waiter);
            _queuedTokens += tokens;
            if (cancellationToken.CanBeCanceled)
            {
                // Registered under the lock: a callback racing with us waits for it; one that runs inline re-enters the
                // lock on this thread and dequeues the waiter, which is fine.
                waiter.Registration = cancellationToken.UnsafeRegister(static state => ((Waiter)state!).Cancel(), waiter);
            }

            if (!_pumping && !_asking && _queue.First == waiter.Node)
            {
                Arm(retryAfter);
            }

            return new(waiter.Task);
        }
    }

    /// <summary>Reports a response's feedback to the store, then lets the queue try again (it may have room now).</summary>
    public void Report(in ChatGptRateBudgetFeedback feedback)
    {
        if (!_shared)
        {
            if (!Hold(feedback))
            {
                SendInProcess(feedback);
            }
        }
        else if (Coalesce(feedback, out var merged))
        {
            Send(merged);
        }
    }

    /// <summary>Feedback that changes nothing of the budget's course: the same limits confirmed, what is left, a token
    /// correction; or, for a server without limits, that it still has none.</summary>
    private bool IsRoutine(in ChatGptRateBudgetFeedback feedback)
    {
        if (feedback.Throttled || feedback.ProbeEnded || feedback.Pause > TimeSpan.Zero)
        {
            return false;
        }

        var known = LastKnown;
        return feedback.NoLimitsReported
            ? known.Phase == ChatGptRateBudgetPhase.Unlimited && !feedback.HasLimits
            : known.Phase == ChatGptRateBudgetPhase.Limited
                && (feedback.RequestLimit is null || feedback.RequestLimit == known.RequestLimit)
                && (feedback.TokenLimit is null || feedback.TokenLimit == known.TokenLimit);
    }

    /// <summary>Holds routine feedback for the in-process store's next question, merged with what is held.</summary>
    /// <returns>Whether it was held (else it must be sent now).</returns>
    private bool Hold(in ChatGptRateBudgetFeedback feedback)
    {
        if (!IsRoutine(feedback))
        {
            return false;
        }

        lock (_lock)
        {
            if (_queue.Count > 0 || _disposed)
            {
                return false; // Someone waits: a refund or fresh headers may let them go now.
            }

            if (feedback is { HasLimits: false, NoLimitsReported: false, RequestCorrection: 0 })
            {
                // A token correction alone (one follows nearly every call) is added up on its own, without merging the whole feedback.
                _heldTokenCorrection += feedback.TokenCorrection;
            }
            else
            {
                if (feedback.HasLimits || feedback.NoLimitsReported)
                {
                    _heldAt = _timeProvider.GetTimestamp(); // When the headers were observed; a correction has no time.
                }

                _held = _holding ? Merge(_held, feedback) : feedback;
            }

            Volatile.Write(ref _holding, true);
            return true;
        }
    }

    /// <summary>Takes the held feedback, if any, and how long ago its headers were observed; the unspent lease goes
    /// back with it.</summary>
    private ChatGptRateBudgetFeedback? TakeHeld(out TimeSpan age)
    {
        lock (_lock)
        {
            var leased = _leaseCalls;
            if (!_holding && leased == 0)
            {
                age = TimeSpan.Zero;
                return null;
            }

            var held = _holding ? _held : default;
            age = held.HasLimits || held.NoLimitsReported ? _timeProvider.GetElapsedTime(_heldAt) : TimeSpan.Zero;
            if (leased > 0 || _heldTokenCorrection != 0)
            {
                held = held with
                {
                    RequestCorrection = (int)Math.Clamp(held.RequestCorrection - leased, int.MinValue, int.MaxValue),
                    TokenCorrection = held.TokenCorrection + _heldTokenCorrection - _leaseTokens,
                };
                _leaseCalls = 0;
                _leaseTokens = 0;
                _heldTokenCorrection = 0;
            }

            _held = default;
            Volatile.Write(ref _holding, false);
            return held;
        }
    }

    /// <summary>Sends feedback to the in-process store after what was held: the held part as of when it was observed, the
    /// new part (a 429's pause, say) as of now.</summary>
    private void SendInProcess(in ChatGptRateBudgetFeedback feedback)
    {
        var held = TakeHeld(out var heldAge);
        try
        {
            Volatile.Write(ref _lastKnown, _inProcess!.Report(Key, Policy, held, heldAge, feedback));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ResilienceLog.BudgetStoreFailed(_logger, Key.ToString(), ex);
            return;
        }

        Pump();
    }

    /// <summary>Feedback held, then <paramref name="next"/>: corrections add up, the latest headers win, flags add up.</summary>
    private static ChatGptRateBudgetFeedback Merge(in ChatGptRateBudgetFeedback held, in ChatGptRateBudgetFeedback next)
    {
        var headers = next.HasLimits ? next : held;
        return next with
        {
            RequestCorrection = (int)Math.Clamp((long)held.RequestCorrection + next.RequestCorrection, int.MinValue, int.MaxValue),
            TokenCorrection = held.TokenCorrection + next.TokenCorrection,
            RequestLimit = headers.RequestLimit,
            RequestWindow = headers.RequestWindow,
            RemainingRequests = headers.RemainingRequests,
            TokenLimit = headers.TokenLimit,
            TokenWindow = headers.TokenWindow,
            RemainingTokens = headers.RemainingTokens,
            NoLimitsReported = (next.NoLimitsReported || held.NoLimitsReported) && !headers.HasLimits,
            ProbeEnded = next.ProbeEnded || held.ProbeEnded,
            Throttled = next.Throttled || held.Throttled,
            Pause = next.Pause > held.Pause ? next.Pause : held.Pause,
        };
    }

    private void Send(in ChatGptRateBudgetFeedback feedback)
    {
        ValueTask<ChatGptRateBudgetSnapshot> pending;
        try
        {
            pending = _store.ReportAsync(Key, Policy, feedback, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ResilienceLog.BudgetStoreFailed(_logger, Key.ToString(), ex);
            return;
        }

        if (pending.IsCompletedSuccessfully)
        {
            Volatile.Write(ref _lastKnown, pending.Result);
            Pump();
        }
        else
        {
            _ = CompleteReportAsync(pending);
        }
    }

    /// <summary>
    /// For a shared store, where every report is a round trip: routine feedback (the same limits confirmed, a remaining
    /// budget, a token correction) is held and sent with the next report once <see cref="RoutineReportInterval"/> has
    /// passed since the last one, the corrections summed and the latest headers kept; anything that changes the budget's
    /// course (a 429, a pause, a probe's end, new limits, no limits) is sent at once with what was held. Without it a
    /// replica spent two of its round trips per call on reports that mostly repeated the last one.
    /// </summary>
    /// <returns>Whether to send <paramref name="merged"/> now.</returns>
    private bool Coalesce(in ChatGptRateBudgetFeedback feedback, out ChatGptRateBudgetFeedback merged)
    {
        var routine = IsRoutine(feedback);
        var now = _timeProvider.GetTimestamp();
        lock (_lock)
        {
            var combined = _holding ? Merge(_held, feedback) : feedback;
            if (routine && _lastReport != 0 && _timeProvider.GetElapsedTime(_lastReport, now) < RoutineReportInterval)
            {
                _held = combined;
                _holding = true;
                merged = default;
                return false;
            }

            _held = default;
            _holding = false;
            _lastReport = now;
            merged = combined;
            return true;
        }
    }

    /// <summary>Serves the queue: grants its head while the store agrees, then waits for the store's hint.</summary>
    public void Pump()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            if (_pumping || _asking)
            {
                _pumpRequested = true;
                return;
            }

            if (_queue.Count == 0)
            {
                return;
            }

            _pumping = true;
            _pumpRequested = false;
        }

        _ = PumpAsync();
    }

    public void Dispose()
    {
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
            Interlocked.Increment(ref _failedLeases);
            waiter.TrySetResult(new RateBudgetLease(false, false, null, "the client-side rate limiter was disposed.", RateBudgetLease.Disposed));
        }
    }

    private async Task PumpAsync()
    {
        while (true)
        {
            Waiter? head;
            lock (_lock)
            {
                head = _queue.First?.Value;
                if (head is null || _disposed)
                {
                    _pumping = false;
                    return;
                }

                _pumpRequested = false;
            }

            var decision = await TryStoreAsync(head.Tokens, lease: false, CancellationToken.None).ConfigureAwait(false);
            if (decision.Acquired)
            {
                bool stillQueued;
                lock (_lock)
                {
                    stillQueued = head.Node?.List is not null;
                    if (stillQueued)
                    {
                        RemoveLocked(head);
                    }
                }

                if (stillQueued)
                {
                    head.Registration.Dispose();
                }

                if (stillQueued && head.TrySetResult(decision.IsProbe ? RateBudgetLease.GrantedProbe : RateBudgetLease.Granted))
                {
                    Interlocked.Increment(ref _successfulLeases);
                }
                else
                {
                    // Cancelled while the store granted it: give the budget (and a probe) back.
                    Report(new ChatGptRateBudgetFeedback { RequestCorrection = -1, TokenCorrection = -head.Tokens, ProbeEnded = decision.IsProbe });
                }

                continue;
            }

            lock (_lock)
            {
                if (_pumpRequested && !_disposed)
                {
                    // Feedback arrived while the store was answering: its answer may be stale, ask again.
                    continue;
                }

                _pumping = false;
                if (_queue.Count > 0 && !_disposed)
                {
                    Arm(decision.RetryAfter);
                }

                return;
            }
        }
    }

    /// <param name="tokens">The call's cost.</param>
    /// <param name="lease">Whether the in-process store may lease calls ahead with a grant (for a direct call; the pump
    /// grants the head of the queue only).</param>
    /// <param name="cancellationToken">Cancels a shared store's round trip.</param>
    private ValueTask<ChatGptRateBudgetAcquisition> TryStoreAsync(long tokens, bool lease, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<ChatGptRateBudgetAcquisition>(cancellationToken);
        }

        return _inProcess is not null ? new(TryInProcess(_inProcess, tokens, lease)) : TrySharedAsync(tokens, cancellationToken);
    }

    /// <summary>Asks the in-process store, synchronously, with the feedback held (and the lease unspent) since the last question.</summary>
    private ChatGptRateBudgetAcquisition TryInProcess(ChatGptInProcessRateBudgetStore store, long tokens, bool lease)
    {
        var held = TakeHeld(out var heldAge);
        try
        {
            var decision = store.TryAcquire(Key, Policy, tokens, held, heldAge, lease, out var leased);
            Volatile.Write(ref _lastKnown, decision.Budget ?? _lastKnown);
            if (leased > 0)
            {
                lock (_lock)
                {
                    _leaseCalls += leased;
                    _leaseTokens += leased * tokens;
                }
            }

            return decision;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ResilienceLog.BudgetStoreFailed(_logger, Key.ToString(), ex);
            return new ChatGptRateBudgetAcquisition(true, false, TimeSpan.Zero, ChatGptRateBudgetWaitReason.None, _lastKnown);
        }
    }

    private async ValueTask<ChatGptRateBudgetAcquisition> TrySharedAsync(long tokens, CancellationToken cancellationToken)
    {
        try
        {
            var decision = await _store.TryAcquireAsync(Key, Policy, tokens, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _lastKnown, decision.Budget ?? _lastKnown);
            return decision;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // The store is never a reason for a call to fail: the call passes as if the budget were unlimited.
            ResilienceLog.BudgetStoreFailed(_logger, Key.ToString(), ex);
            return new ChatGptRateBudgetAcquisition(true, false, TimeSpan.Zero, ChatGptRateBudgetWaitReason.None, _lastKnown);
        }
    }

    private async Task CompleteReportAsync(ValueTask<ChatGptRateBudgetSnapshot> pending)
    {
        try
        {
            Volatile.Write(ref _lastKnown, await pending.ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ResilienceLog.BudgetStoreFailed(_logger, Key.ToString(), ex);
        }

        Pump();
    }

    /// <summary>How long a call of <paramref name="tokens"/> would wait behind everyone queued: the store's hint for the
    /// head, or the time the known pace needs for all of them, whichever is longer.</summary>
    private TimeSpan EstimateWaitLocked(long tokens, TimeSpan headWait)
    {
        var budget = _lastKnown;
        var seconds = headWait.TotalSeconds;
        if (budget.RequestLimit is { } requests && requests > 0)
        {
            var needed = _queue.Count + 1 - Math.Max(0, budget.RequestsAvailable ?? 0);
            seconds = Math.Max(seconds, needed / (requests / budget.RequestWindow.TotalSeconds));
        }

        if (budget.TokenLimit is { } limit && limit > 0 && tokens > 0)
        {
            var needed = Math.Min(_queuedTokens + tokens, limit) - Math.Max(0, budget.TokensAvailable ?? 0);
            seconds = Math.Max(seconds, needed / (limit / budget.TokenWindow.TotalSeconds));
        }

        return seconds <= 0 ? TimeSpan.Zero
            : seconds >= ResponseHeaderParser.MaxWait.TotalSeconds ? ResponseHeaderParser.MaxWait
            : TimeSpan.FromSeconds(seconds);
    }

    private void Arm(TimeSpan wait)
    {
        // Whole milliseconds, at least one: a timer due a hair early would find the bucket a hair short and spin.
        var due = TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(wait.TotalMilliseconds)));
        _timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private void RemoveLocked(Waiter waiter)
    {
        _queue.Remove(waiter.Node!);
        _queuedTokens -= waiter.Tokens;
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
        }

        waiter.TrySetCanceled();

        // The cancelled waiter may have been the head that held smaller ones behind it.
        Pump();
    }

    /// <summary>A call waiting for its turn.</summary>
    private sealed class Waiter
    {
        private readonly RateBudgetQueue _queue;
        private readonly TaskCompletionSource<RateBudgetLease> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationToken _cancellationToken;

        public Waiter(RateBudgetQueue queue, long tokens, CancellationToken cancellationToken)
        {
            _queue = queue;
            Tokens = tokens;
            _cancellationToken = cancellationToken;
        }

        public long Tokens { get; }

        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Registration { get; set; }

        public Task<RateBudgetLease> Task => _completion.Task;

        public bool TrySetResult(RateBudgetLease lease) => _completion.TrySetResult(lease);

        public void TrySetCanceled() => _completion.TrySetCanceled(_cancellationToken);

        public void Cancel() => _queue.OnWaiterCanceled(this);
    }
}
