using Polly;

namespace ChatGpt.Resilience.Internal;

/// <summary>
/// The outcome of a first attempt that ran on <see cref="FirstAttemptLane"/> and was not a success, handed to the
/// pipeline: the pipeline runs as usual, and its first attempt is this outcome instead of a new request (the rate limit
/// strategy lets it through, as the lane took its turn and gave its feedback), so the retry, its delays, its logs and
/// Polly's events see exactly what they would have seen.
/// </summary>
internal sealed class FirstAttemptReplay
{
    private static readonly ResiliencePropertyKey<FirstAttemptReplay> Key = new("ChatGpt.FirstAttemptReplay");

    private Outcome<HttpResponseMessage> _outcome;
    private bool _pending;

    private FirstAttemptReplay(Outcome<HttpResponseMessage> outcome)
    {
        _outcome = outcome;
        _pending = true;
    }

    /// <summary>Hands <paramref name="outcome"/> to the call's pipeline as its first attempt.</summary>
    public static void Hand(ResilienceContext context, in Outcome<HttpResponseMessage> outcome) =>
        context.Properties.Set(Key, new FirstAttemptReplay(outcome));

    /// <summary>Whether the attempt about to run is the replayed one.</summary>
    public static bool IsPending(ResilienceContext context) =>
        context.Properties.TryGetValue(Key, out var replay) && replay._pending;

    /// <summary>Takes the replayed outcome, once.</summary>
    public static bool TryTake(ResilienceContext context, out Outcome<HttpResponseMessage> outcome)
    {
        if (context.Properties.TryGetValue(Key, out var replay) && replay._pending)
        {
            replay._pending = false;
            outcome = replay._outcome;
            replay._outcome = default;
            return true;
        }

        outcome = default;
        return false;
    }
}
