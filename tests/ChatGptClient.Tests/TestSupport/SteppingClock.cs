using Microsoft.Extensions.Time.Testing;

namespace ChatGpt.Tests.TestSupport;

/// <summary>
/// A fake clock that knows which of its timers are armed, so a test moves time only when the code under test is waiting
/// for it, and then exactly to the moment the next timer is due: never on real time, never by a guessed step.
/// </summary>
/// <remarks>
/// <para>Timers are of two kinds. A <i>deadline</i> (the timer of a timeout's <see cref="CancellationTokenSource"/>, an
/// idle timeout) runs beside the work and says nothing about whether the code is waiting. A <i>wait</i> (a retry delay,
/// a rate-limit queue's timer, a poll interval) is armed right before the code awaits it. The code is waiting when a wait
/// is armed, or when something the test controls holds it (<see cref="Hold"/>: a server that has not answered); only
/// then does <see cref="RunAsync{T}(Task{T})"/> move the clock, to the earliest due timer, deadlines included (a timeout
/// that falls inside a wait fires first, as it would in real time).</para>
/// <para>A timer fires inside <see cref="FakeTimeProvider.Advance(TimeSpan)"/> on the test's thread, so the code it wakes
/// runs on until its next wait before the clock is looked at again.</para>
/// </remarks>
internal class SteppingClock : FakeTimeProvider
{
    /// <summary>The start of every test's time: a round date, so that HTTP dates (whole seconds) are exact.</summary>
    public static readonly DateTimeOffset Beginning = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Far beyond any honest test; only ends a run whose code waits on something the clock cannot move.
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    private readonly Lock _gate = new();
    private readonly HashSet<TrackedTimer> _armed = [];
    private readonly List<TimeSpan> _waits = [];
    private TaskCompletionSource _changed = NewSignal();
    private int _holds;

    /// <summary>Creates the clock at <see cref="Beginning"/>.</summary>
    public SteppingClock()
        : base(Beginning)
    {
    }

    /// <summary>Whether the code is waiting for the clock: a wait timer is armed, or a <see cref="Hold"/> is held.</summary>
    public bool IsWaiting
    {
        get
        {
            lock (_gate)
            {
                return IsWaitingLocked();
            }
        }
    }

    /// <summary>The waits (not deadlines) armed so far, in order, with the time each was armed for.</summary>
    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (_gate)
            {
                return [.. _waits];
            }
        }
    }

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new TrackedTimer(this, callback, state, IsDeadline(state));
        timer.Inner = base.CreateTimer(static s => ((TrackedTimer)s!).Fire(), timer, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Says that the code is held by something the test controls (a server that has not answered yet): the clock
    /// may move while it is held.</summary>
    /// <returns>Ends the hold.</returns>
    public IDisposable Hold()
    {
        lock (_gate)
        {
            _holds++;
            SignalLocked();
        }

        return new Release(this);
    }

    /// <summary>Completes once the code waits for the clock (<see cref="IsWaiting"/>), without moving it.</summary>
    /// <returns>A task that completes when the code waits.</returns>
    public async Task WhenWaitingAsync()
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (IsWaitingLocked())
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(HangGuard);
        }
    }

    /// <summary>Runs <paramref name="call"/> to its end, moving the clock to the next due timer whenever the code waits.</summary>
    /// <typeparam name="T">The call's result.</typeparam>
    /// <param name="call">The call, already started.</param>
    /// <param name="beforeMove">Called with the number of moves so far before each move, while the code waits: the place
    /// to change the world the code will see when it wakes.</param>
    /// <returns>The call's result.</returns>
    public async Task<T> RunAsync<T>(Task<T> call, Action<int>? beforeMove = null)
    {
        await RunAsync((Task)call, beforeMove);
        return await call;
    }

    /// <summary>Runs <paramref name="call"/> to its end, moving the clock to the next due timer whenever the code waits.</summary>
    /// <param name="call">The call, already started.</param>
    /// <param name="beforeMove">Called with the number of moves so far before each move.</param>
    /// <returns>The call.</returns>
    public async Task RunAsync(Task call, Action<int>? beforeMove = null)
    {
        for (var steps = 0; !call.IsCompleted;)
        {
            Task changed;
            DateTimeOffset? due;
            lock (_gate)
            {
                changed = _changed.Task;
                due = IsWaitingLocked() ? NextDueLocked() : null;
            }

            if (due is { } next && next > GetUtcNow())
            {
                Assert.True(steps < 100_000, "The clock was moved 100000 times: the code under test never stops waiting.");
                beforeMove?.Invoke(steps++);
                SetUtcNow(next);
                continue;
            }

            // Nothing to move the clock for yet (the code is running, or a timer is between being armed and firing):
            // wait for the call to end or the timers to change, never on real time.
            await Task.WhenAny(call, changed).WaitAsync(HangGuard);
        }

        await call;
    }

    // A timeout's source and the client's idle timeout run beside the work; every other timer is awaited right away.
    private static bool IsDeadline(object? state) => state is CancellationTokenSource or ChatGpt.Internal.StreamIdleTimeout;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private bool IsWaitingLocked()
    {
        if (_holds > 0)
        {
            return true;
        }

        foreach (var timer in _armed)
        {
            if (!timer.IsDeadline)
            {
                return true;
            }
        }

        return false;
    }

    private DateTimeOffset? NextDueLocked()
    {
        DateTimeOffset? next = null;
        foreach (var timer in _armed)
        {
            if (next is null || timer.Due < next)
            {
                next = timer.Due;
            }
        }

        return next;
    }

    private void SignalLocked()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }

    private void Update(TrackedTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            timer.Period = period;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                _armed.Remove(timer);
            }
            else
            {
                timer.Due = GetUtcNow() + dueTime;
                _armed.Add(timer);
                if (!timer.IsDeadline)
                {
                    _waits.Add(dueTime);
                }
            }

            SignalLocked();
        }
    }

    private void Fired(TrackedTimer timer)
    {
        lock (_gate)
        {
            if (timer.Period > TimeSpan.Zero && timer.Period != Timeout.InfiniteTimeSpan)
            {
                timer.Due = GetUtcNow() + timer.Period;
            }
            else
            {
                _armed.Remove(timer);
            }

            SignalLocked();
        }
    }

    private void Disposed(TrackedTimer timer)
    {
        lock (_gate)
        {
            _armed.Remove(timer);
            SignalLocked();
        }
    }

    private sealed class TrackedTimer(SteppingClock clock, TimerCallback callback, object? state, bool isDeadline) : ITimer
    {
        public ITimer Inner { get; set; } = null!;

        public bool IsDeadline { get; } = isDeadline;

        public DateTimeOffset Due { get; set; }

        public TimeSpan Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            // Recorded before the fake timer is changed: a timer due now fires inside Change.
            clock.Update(this, dueTime, period);
            return Inner.Change(dueTime, period);
        }

        public void Fire()
        {
            clock.Fired(this);
            callback(state);
        }

        public void Dispose()
        {
            clock.Disposed(this);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }

    private sealed class Release(SteppingClock clock) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                lock (clock._gate)
                {
                    clock._holds--;
                    clock.SignalLocked();
                }
            }
        }
    }
}
