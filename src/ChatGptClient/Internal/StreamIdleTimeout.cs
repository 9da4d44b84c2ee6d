namespace ChatGpt.Internal;

/// <summary>
/// Cancels a stream when no event has arrived for the idle timeout (or when the caller cancels), on a
/// <see cref="TimeProvider"/> so that tests can use a fake clock. An event costs a timestamp, not a timer change: the one
/// timer, when it fires, looks at the time since the last event and either cancels or waits for the rest.
/// </summary>
/// <remarks>With <c>onlyWhileWaiting</c> (a body read through <see cref="Http.Internal.GuardedReadStream"/>), idle time runs
/// only while a read is in progress (<see cref="BeginWait"/>, before the read is issued, to <see cref="EndWait"/>): one
/// timestamp per read instead of one before and one after.</remarks>
internal sealed class StreamIdleTimeout : IDisposable
{
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);

    private readonly CancellationTokenSource _source = new();
    private readonly CancellationTokenRegistration _link;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _timeout;
    private readonly ITimer? _timer;
    private readonly bool _onlyWhileWaiting;
    private long _lastActivity;
    private int _waiting;

    public StreamIdleTimeout(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken, bool onlyWhileWaiting = false)
    {
        _onlyWhileWaiting = onlyWhileWaiting;
        _timeProvider = timeProvider;
        _timeout = timeout;
        _lastActivity = timeProvider.GetTimestamp();
        _link = cancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), _source);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            _timer = timeProvider.CreateTimer(static s => ((StreamIdleTimeout)s!).OnTimer(), this, timeout, Timeout.InfiniteTimeSpan);
        }
    }

    public CancellationToken Token => _source.Token;

    /// <summary>Starts the idle time again: called as the stream is asked for its next event.</summary>
    public void MarkActivity() => Volatile.Write(ref _lastActivity, _timeProvider.GetTimestamp());

    /// <summary>A read is about to be issued: the idle time starts now.</summary>
    public void BeginWait()
    {
        MarkActivity();
        Interlocked.Increment(ref _waiting);
    }

    /// <summary>The read is over (bytes, the end, or a failure): no idle time runs until the next one.</summary>
    public void EndWait() => Interlocked.Decrement(ref _waiting);

    /// <summary>Whether the idle timeout (not the caller) cancelled the stream, given the caller's token.</summary>
    public bool TimedOut(CancellationToken callerToken) => _source.IsCancellationRequested && !callerToken.IsCancellationRequested;

    public void Dispose()
    {
        _timer?.Dispose();
        _link.Dispose();
        _source.Dispose();
    }

    private void OnTimer()
    {
        // No read in progress: nothing is idle; look again a whole timeout later.
        var idle = _onlyWhileWaiting && Volatile.Read(ref _waiting) == 0
            ? TimeSpan.Zero
            : _timeProvider.GetElapsedTime(Volatile.Read(ref _lastActivity));
        try
        {
            if (idle >= _timeout)
            {
                _source.Cancel();
            }
            else
            {
                var left = _timeout - idle;
                _timer!.Change(left > MinimumWait ? left : MinimumWait, Timeout.InfiniteTimeSpan);
            }
        }
        catch (ObjectDisposedException)
        {
            // The stream ended while the timer fired.
        }
    }
}
