using System.Diagnostics.CodeAnalysis;

namespace ChatGpt.Resilience;

/// <summary>
/// Holds the state of the client-side rate budgets: the buckets of requests and tokens, the limits learned from the
/// server, its pauses and the cold-start probe. The built-in store keeps it in this process; a shared store (e.g. the
/// <c>ChatGptClient.RateLimiting.Redis</c> package) keeps it where every replica of a service sees it, so that together
/// they stay under the account's limits. Register one as a singleton: <c>services.AddSingleton&lt;IChatGptRateBudgetStore, MyStore&gt;()</c>.
/// </summary>
/// <remarks>
/// <para><b>What stays local.</b> Each process keeps its own first-in, first-out queue of waiting calls per budget, with
/// the bounded length and typed rejections of <see cref="ChatGptResilienceOptions.QueueLimit"/>. Only the head of a
/// queue asks the store; when refused it waits <see cref="ChatGptRateBudgetAcquisition.RetryAfter"/> (or until this
/// process reports feedback for the budget) and asks again. So a store is asked about once per call, plus once per
/// wake-up of a queue head.</para>
/// <para><b>The operations.</b> Two, each atomic for its key (and, when the policy configures account-wide limits, for
/// the account-wide budget <see cref="ChatGptRateBudgetKey.AccountWide"/> as well), so a shared store does each in one
/// round trip (a server-side script):
/// <see cref="TryAcquireAsync"/> takes one request and a call's estimated tokens or says how long until it could;
/// <see cref="ReportAsync"/> applies what a response taught (limits, remaining budget, a 429's pause, the end of a probe)
/// or what its <c>usage</c> corrected.</para>
/// <para><b>Time.</b> The store measures time itself: the built-in one with the <see cref="TimeProvider"/> it was given,
/// a shared one with a clock all replicas agree on (the store server's). Values handed in are durations, never instants.</para>
/// <para><b>The rules every store applies</b> (the built-in <see cref="ChatGptInProcessRateBudgetStore"/> is the
/// reference; a shared store must behave the same, so that no replica's bad response can lock the others):</para>
/// <list type="number">
/// <item><description>Each budget has two dimensions, requests and tokens. A dimension's limit is the lower of the
/// policy's configured limit per minute and the limit learned from the server (per its window: a minute or a day);
/// without either the dimension is unlimited. The minute bucket holds at most the limit and refills continuously at
/// limit / window.</description></item>
/// <item><description>Learned limits are dropped when no report has confirmed them for
/// <see cref="ChatGptRateBudgetPolicy.LearnedLifetime"/>; the budget is then cold again and relearned. So a bad
/// response costs at most that long.</description></item>
/// <item><description>Cold start: while neither dimension has a limit and the policy learns, the first acquisition is
/// granted as the probe (<see cref="ChatGptRateBudgetAcquisition.IsProbe"/>) and every other one is refused with
/// <see cref="ChatGptRateBudgetWaitReason.Probe"/> until the probe's report arrives with
/// <see cref="ChatGptRateBudgetFeedback.ProbeEnded"/> or <see cref="ChatGptRateBudgetPolicy.ProbeTimeout"/> passes (then
/// the next acquisition probes). A probe report with limits makes the budget limited; one with
/// <see cref="ChatGptRateBudgetFeedback.NoLimitsReported"/> makes it unlimited for the learned lifetime; one with neither
/// (the probe failed) leaves it cold.</description></item>
/// <item><description>Pace after learning: besides the minute bucket, a learned dimension has a burst allowance that
/// holds one second's worth of the limit (90 % of it at first: the server's window may be as tight) and grows by <see cref="ChatGptRateBudgetPolicy.BurstGrowthPerSecond"/> each
/// second up to the whole limit, so a server that enforces its per-minute limits over short windows is not flooded,
/// while one that enforces a full-minute bucket is soon used whole. A report with
/// <see cref="ChatGptRateBudgetFeedback.Throttled"/> (a 429) empties the allowance (the server's window is empty), sets
/// its capacity back to one second's worth, refilled at 90 % of the limit's rate (so that the jitter of many senders does
/// not meet an empty window), and stops its growth until the limits are relearned from cold.</description></item>
/// <item><description>A request of cost 0 tokens is never held by the token dimension (so a models list never waits
/// behind a token debt). A request that costs more than the whole token limit is granted when the bucket is full
/// (instead of never).</description></item>
/// <item><description>A report's remaining budget only ever lowers the bucket (calls still in flight may not be counted in
/// it yet), never below zero. A token correction charges at most one whole limit, and no bucket goes below minus one
/// whole limit (the debt is bounded by one window). Arithmetic saturates: nothing overflows.</description></item>
/// <item><description>A pause holds the whole budget (both dimensions) for its duration, capped at one minute, and a
/// longer pause wins over a shorter one.</description></item>
/// </list>
/// <para><b>Faults.</b> The client never fails a call because of the store: an exception from <see cref="TryAcquireAsync"/>
/// or <see cref="ReportAsync"/> is logged and the call proceeds as if the budget were unlimited, so a shared store should
/// rather fall back to local state itself (and say so in its own logs) than throw.</para>
/// </remarks>
[Experimental(ChatGptRateBudgetDiagnostics.ExperimentalId)]
public interface IChatGptRateBudgetStore
{
    /// <summary>
    /// Takes one request and <paramref name="tokens"/> tokens from the budget (and from the account-wide budget when the
    /// policy configures one), or takes nothing and says how long until it could.
    /// </summary>
    /// <param name="key">The budget.</param>
    /// <param name="policy">The configured limits and learning rules of the caller.</param>
    /// <param name="tokens">The call's estimated token cost, at least 0.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether it was granted (and as the cold-start probe), or the wait and its reason; with the budget's state.</returns>
    ValueTask<ChatGptRateBudgetAcquisition> TryAcquireAsync(ChatGptRateBudgetKey key, ChatGptRateBudgetPolicy policy, long tokens, CancellationToken cancellationToken);

    /// <summary>Applies the feedback of a response (or of a call that ended without one) to the budget.</summary>
    /// <param name="key">The budget.</param>
    /// <param name="policy">The configured limits and learning rules of the caller.</param>
    /// <param name="feedback">What the response taught; the client has already bounded every value to what is plausible.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The budget's state afterwards.</returns>
    ValueTask<ChatGptRateBudgetSnapshot> ReportAsync(ChatGptRateBudgetKey key, ChatGptRateBudgetPolicy policy, ChatGptRateBudgetFeedback feedback, CancellationToken cancellationToken);
}
