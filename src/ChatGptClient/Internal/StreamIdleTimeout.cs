namespace ChatGpt.Internal;

/// <summary>
/// Cancels a stream when no event has arrived for the idle timeout (or when the caller cancels), on a
/// <see cref="TimeProvider"/> so that tests can use a fake clock. An event costs a timestamp, not a timer change: the one
/// timer, when it fires, looks at the time since the last event and either cancels or waits for the rest.
/// </summary>
internal sealed class StreamIdleTimeout : IDisposable
{
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);

    private readonly CancellationTokenSource _source = new();
    private readonly CancellationTokenRegistration _link;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _timeout;
    private readonly ITimer? _timer;
    private long _lastActivity;

    public StreamIdleTimeout(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
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
        var idle = _timeProvider.GetElapsedTime(Volatile.Read(ref _lastActivity));
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
