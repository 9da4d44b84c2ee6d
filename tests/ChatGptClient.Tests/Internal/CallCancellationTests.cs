using ChatGpt.Internal;
using Microsoft.Extensions.Time.Testing;

namespace ChatGpt.Tests.Internal;

/// <summary>A call's cancellation source is reused by later calls on the system clock: no state may leak between them.</summary>
public sealed class CallCancellationTests
{
    [Fact]
    public async Task NotReusable_SourceNeverHandedToTheNextCall()
    {
        await Task.Run(() =>
        {
            // An attempt's token may live on in its response body: the next call on this thread must get another source.
            var attempt = new CallCancellation(TimeSpan.FromMinutes(5), TimeProvider.System, CancellationToken.None, reusable: false);
            var kept = attempt.Token;
            attempt.Dispose();

            using var next = new CallCancellation(TimeSpan.FromMinutes(10), TimeProvider.System, CancellationToken.None);
            Assert.NotEqual(kept, next.Token);
            Assert.False(kept.IsCancellationRequested);
        });
    }

    [Fact]
    public async Task Attempt_CancelledByItsCall_NotATimeout()
    {
        await Task.Run(() =>
        {
            using var call = new CancellationTokenSource();
            var attempt = new CallCancellation(TimeSpan.FromMinutes(5), TimeProvider.System, call.Token, reusable: false);
            call.Cancel();
            Assert.True(attempt.Token.IsCancellationRequested);
            Assert.False(attempt.TimedOut(call.Token));
            attempt.Dispose();
        });
    }

    [Fact]
    public async Task NextCall_AfterTheCallerCancelled_StartsUncancelled()
    {
        await Task.Run(() =>
        {
            using var caller = new CancellationTokenSource();
            var first = new CallCancellation(TimeSpan.FromMinutes(10), TimeProvider.System, caller.Token);
            caller.Cancel();
            Assert.True(first.Token.IsCancellationRequested);
            Assert.False(first.TimedOut(caller.Token));
            first.Dispose();

            using var second = new CallCancellation(TimeSpan.FromMinutes(10), TimeProvider.System, CancellationToken.None);
            Assert.False(second.Token.IsCancellationRequested);
        });
    }

    [Fact]
    public async Task NextCall_AfterATimeout_StartsUncancelledAndStillTimesOut()
    {
        await Task.Run(() =>
        {
            // A zero timeout fires at once on a new source, on the timer thread on a reused one.
            var first = new CallCancellation(TimeSpan.Zero, TimeProvider.System, CancellationToken.None);
            Assert.True(first.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(10)));
            Assert.True(first.TimedOut(CancellationToken.None));
            first.Dispose();

            var second = new CallCancellation(TimeSpan.FromMinutes(10), TimeProvider.System, CancellationToken.None);
            Assert.False(second.Token.IsCancellationRequested);
            second.Dispose();

            using var third = new CallCancellation(TimeSpan.Zero, TimeProvider.System, CancellationToken.None);
            Assert.True(third.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(10)));
            Assert.True(third.TimedOut(CancellationToken.None));
        });
    }

    [Fact]
    public async Task ReusedSource_DropsCallbacksLeftOnTheEarlierCallsToken()
    {
        await Task.Run(() =>
        {
            var fired = 0;
            var first = new CallCancellation(TimeSpan.FromMinutes(10), TimeProvider.System, CancellationToken.None);
            first.Token.Register(() => fired++);
            first.Dispose();

            var second = new CallCancellation(TimeSpan.Zero, TimeProvider.System, CancellationToken.None);
            Assert.True(second.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(10)));
            second.Dispose();

            Assert.Equal(0, fired);
        });
    }

    [Fact]
    public void FakeClock_TimesOutWhenTheClockPasses()
    {
        var clock = new FakeTimeProvider();
        using var cancellation = new CallCancellation(TimeSpan.FromSeconds(30), clock, CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(cancellation.Token.IsCancellationRequested);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(cancellation.TimedOut(CancellationToken.None));
    }
}
