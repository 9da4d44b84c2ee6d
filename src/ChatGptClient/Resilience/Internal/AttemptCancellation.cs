namespace ChatGpt.Resilience.Internal;

/// <summary>
/// The token of one attempt on <see cref="FirstAttemptLane"/>: cancelled by the call's token or after the attempt
/// timeout, whichever comes first, as Polly's timeout strategy does. On the system clock the source is kept for the
/// thread's next attempt (re-armed, not re-created); on any other clock (a test's fake one) it is made per attempt, on
/// that clock.
/// </summary>
internal sealed class AttemptCancellation
{
    [ThreadStatic]
    private static AttemptCancellation? t_spare;

    private CancellationTokenSource _source = new();
    private CancellationTokenRegistration _link;
    private bool _pooled;

    private AttemptCancellation()
    {
    }

    /// <summary>The attempt's token.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Arms an attempt's token: <paramref name="timeout"/> from now on <paramref name="clock"/>, or when
    /// <paramref name="outer"/> is cancelled.</summary>
    public static AttemptCancellation Start(TimeProvider clock, TimeSpan timeout, CancellationToken outer)
    {
        AttemptCancellation attempt;
        if (ReferenceEquals(clock, TimeProvider.System))
        {
            attempt = t_spare ?? new AttemptCancellation { _pooled = true };
            t_spare = null;
            attempt._source.CancelAfter(timeout);
        }
        else
        {
            attempt = new AttemptCancellation { _source = new CancellationTokenSource(timeout, clock) };
        }

        if (outer.CanBeCanceled)
        {
            attempt._link = outer.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), attempt._source);
        }

        return attempt;
    }

    /// <summary>Ends the attempt and says whether its own timeout (not the call's token) cancelled it.</summary>
    public bool End(CancellationToken outer)
    {
        // Disposing the link waits for a cancellation in flight, so nothing cancels the source once it is reused.
        _link.Dispose();
        _link = default;
        var timedOut = _source.IsCancellationRequested && !outer.IsCancellationRequested;
        if (_pooled && _source.TryReset())
        {
            t_spare = this;
        }
        else
        {
            _source.Dispose();
            if (_pooled)
            {
                _source = new CancellationTokenSource();
                t_spare = this;
            }
        }

        return timedOut;
    }
}
