using Microsoft.Extensions.Time.Testing;

namespace ChatGpt.Testing.Tests.FineTuning;

/// <summary>
/// A fake clock that says when a short timer is armed (the wait helper's poll delay; the client's total timeout is a
/// ten-minute timer and is ignored), so a test advances the clock by exactly the wait asked for, never on real time.
/// </summary>
internal sealed class PollClock : FakeTimeProvider
{
    private readonly SemaphoreSlim _armed = new(0);
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _waits = [];

    public PollClock()
        : base(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>The poll waits armed so far, in order.</summary>
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

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime <= TimeSpan.FromMinutes(1) && period == Timeout.InfiniteTimeSpan)
        {
            lock (_gate)
            {
                _waits.Add(dueTime);
            }

            _armed.Release();
        }

        return timer;
    }

    /// <summary>Runs <paramref name="call"/> to its end, advancing the clock by each poll wait it arms.</summary>
    public async Task<T> RunAsync<T>(Task<T> call, Action<int>? beforeAdvance = null)
    {
        var polls = 0;
        while (!call.IsCompleted)
        {
            var armed = _armed.WaitAsync();
            if (await Task.WhenAny(call, armed) == armed)
            {
                beforeAdvance?.Invoke(polls);
                Advance(Waits[polls++]);
            }
        }

        return await call;
    }
}
