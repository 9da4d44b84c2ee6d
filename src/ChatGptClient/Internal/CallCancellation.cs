namespace ChatGpt.Internal;

/// <summary>
/// The cancellation of one call: the caller's token plus a timeout measured on a <see cref="TimeProvider"/> (so tests can
/// use a fake clock), telling apart which of the two fired.
/// </summary>
internal sealed class CallCancellation : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationTokenRegistration _link;

    public CallCancellation(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        _source = new CancellationTokenSource(timeout, timeProvider);
        _link = cancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), _source);
    }

    public CancellationToken Token => _source.Token;

    /// <summary>Whether the timeout (not the caller) cancelled the call, given the caller's token.</summary>
    public bool TimedOut(CancellationToken callerToken) => _source.IsCancellationRequested && !callerToken.IsCancellationRequested;

    /// <summary>Restarts the timeout, e.g. after each event of a stream.</summary>
    public void Restart(TimeSpan timeout) => _source.CancelAfter(timeout);

    public void Dispose()
    {
        // Unregister first: it waits for a running callback, so none runs against a disposed source.
        _link.Dispose();
        _source.Dispose();
    }
}
