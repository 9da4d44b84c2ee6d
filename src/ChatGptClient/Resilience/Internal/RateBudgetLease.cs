namespace ChatGpt.Resilience.Internal;

/// <summary>The outcome of <see cref="RateBudgetQueue.AcquireAsync"/>: granted (perhaps as the cold-start probe), or
/// refused with a reason and when the budget should have room again.</summary>
internal readonly record struct RateBudgetLease(bool Acquired, bool IsProbe, TimeSpan? RetryAfter, string? Reason)
{
    public static readonly RateBudgetLease Granted = new(true, false, null, null);

    public static readonly RateBudgetLease GrantedProbe = new(true, true, null, null);
}
