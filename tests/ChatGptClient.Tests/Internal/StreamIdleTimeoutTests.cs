using ChatGpt.Internal;
using Microsoft.Extensions.Time.Testing;

namespace ChatGpt.Tests.Internal;

/// <summary>The idle timeout counts from the last event, on a fake clock.</summary>
public sealed class StreamIdleTimeoutTests
{
    [Fact]
    public void NoActivity_CancelsWhenTheTimeoutHasPassed()
    {
        var clock = new FakeTimeProvider();
        using var idle = new StreamIdleTimeout(TimeSpan.FromSeconds(10), clock, CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.False(idle.Token.IsCancellationRequested);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(idle.TimedOut(CancellationToken.None));
    }

    [Fact]
    public void OnlyWhileWaiting_IdleTimeRunsOnlyWhileAReadIsInProgress()
    {
        var clock = new FakeTimeProvider();
        using var idle = new StreamIdleTimeout(TimeSpan.FromSeconds(10), clock, CancellationToken.None, onlyWhileWaiting: true);

        // No read in progress for 25 s (the caller is busy with what it read): not idle.
        clock.Advance(TimeSpan.FromSeconds(25));
        Assert.False(idle.Token.IsCancellationRequested);

        // A read that waits 10 s is.
        idle.BeginWait();
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.False(idle.Token.IsCancellationRequested);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(idle.TimedOut(CancellationToken.None));
    }

    [Fact]
    public void OnlyWhileWaiting_ReadsThatEndInTime_NeverIdle()
    {
        var clock = new FakeTimeProvider();
        using var idle = new StreamIdleTimeout(TimeSpan.FromSeconds(10), clock, CancellationToken.None, onlyWhileWaiting: true);

        for (var i = 0; i < 6; i++)
        {
            idle.BeginWait();
            clock.Advance(TimeSpan.FromSeconds(9));
            idle.EndWait();
            clock.Advance(TimeSpan.FromSeconds(3));
        }

        Assert.False(idle.Token.IsCancellationRequested);
    }

    [Fact]
    public void Activity_PushesTheTimeoutBackFromTheLastEvent()
    {
        var clock = new FakeTimeProvider();
        using var idle = new StreamIdleTimeout(TimeSpan.FromSeconds(10), clock, CancellationToken.None);

        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(6));
            idle.MarkActivity();
        }

        // 30 s since the start, 0 s since the last event: the timer has re-armed itself instead of firing.
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.False(idle.Token.IsCancellationRequested);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(idle.TimedOut(CancellationToken.None));
    }

    [Fact]
    public void CallerCancels_IsNotATimeout()
    {
        var clock = new FakeTimeProvider();
        using var caller = new CancellationTokenSource();
        using var idle = new StreamIdleTimeout(TimeSpan.FromSeconds(10), clock, caller.Token);

        caller.Cancel();

        Assert.True(idle.Token.IsCancellationRequested);
        Assert.False(idle.TimedOut(caller.Token));
    }

    [Fact]
    public void InfiniteTimeout_NeverFires()
    {
        var clock = new FakeTimeProvider();
        using var idle = new StreamIdleTimeout(Timeout.InfiniteTimeSpan, clock, CancellationToken.None);

        clock.Advance(TimeSpan.FromDays(400));

        Assert.False(idle.Token.IsCancellationRequested);
    }
}
