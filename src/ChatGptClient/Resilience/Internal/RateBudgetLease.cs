namespace ChatGpt.Resilience.Internal;

/// <summary>The outcome of <see cref="RateBudgetQueue.AcquireAsync"/>: granted (perhaps as the cold-start probe), or
/// refused with a reason and when the budget should have room again.</summary>
/// <param name="Acquired">Whether the call may go.</param>
/// <param name="IsProbe">Whether it goes as the budget's cold-start probe.</param>
/// <param name="RetryAfter">When refused, when the budget should have room again, if known.</param>
/// <param name="Reason">When refused, why, for the exception and the log.</param>
/// <param name="Rejection">When refused, a short code for metrics: <c>queue_full</c>, <c>deadline</c> or <c>disposed</c>.</param>
internal readonly record struct RateBudgetLease(bool Acquired, bool IsProbe, TimeSpan? RetryAfter, string? Reason, string? Rejection = null)
{
    public static readonly RateBudgetLease Granted = new(true, false, null, null);

    public static readonly RateBudgetLease GrantedProbe = new(true, true, null, null);

    public const string QueueFull = "queue_full";

    public const string Deadline = "deadline";

    public const string Disposed = "disposed";
}
