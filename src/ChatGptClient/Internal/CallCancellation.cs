namespace ChatGpt.Internal;

/// <summary>
/// The cancellation of one call, or of one attempt of it: the caller's token plus a timeout measured on a
/// <see cref="TimeProvider"/> (so tests can use a fake clock), telling apart which of the two fired.
/// </summary>
internal readonly struct CallCancellation : IDisposable
{
    // One spare source per thread: a call's source is reset and reused by the next call, instead of a new source and
    // timer each time (the way Polly pools its timeout sources). Only for the system clock: a test's fake clock gets
    // its own sources.
    [ThreadStatic]
    private static CancellationTokenSource? t_spare;

    private readonly CancellationTokenSource _source;
    private readonly CancellationTokenRegistration _link;
    private readonly bool _reusable;

    /// <param name="timeout">The timeout.</param>
    /// <param name="timeProvider">The clock it is measured on.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <param name="reusable">Whether the source may be reset and reused once disposed: not for an attempt's, whose token
    /// the handlers below may keep for the response body (an in-memory handler streaming its content does), which
    /// outlives the attempt; a reused source would hand that body the next call's cancellation.</param>
    public CallCancellation(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken, bool reusable = true)
    {
        if (reusable && ReferenceEquals(timeProvider, TimeProvider.System))
        {
            _reusable = true;
            if (t_spare is { } spare)
            {
                t_spare = null;
                spare.CancelAfter(timeout);
                _source = spare;
            }
            else
            {
                _source = new CancellationTokenSource(timeout);
            }
        }
        else
        {
            _source = new CancellationTokenSource(timeout, timeProvider);
        }

        _link = cancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), _source);
    }

    public CancellationToken Token => _source.Token;

    /// <summary>Whether the timeout (not the caller) cancelled the call, given the caller's token.</summary>
    public bool TimedOut(CancellationToken callerToken) => _source.IsCancellationRequested && !callerToken.IsCancellationRequested;


    public void Dispose()
    {
        // Unregister first: it waits for a running callback, so none runs against a disposed source.
        _link.Dispose();

        // TryReset fails once cancelled, and clears any registration a component left on the token.
        if (_reusable && t_spare is null && _source.TryReset())
        {
            t_spare = _source;
        }
        else
        {
            _source.Dispose();
        }
    }
}
