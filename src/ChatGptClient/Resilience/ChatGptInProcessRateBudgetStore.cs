using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using ChatGpt.Resilience.Internal;

namespace ChatGpt.Resilience;

/// <summary>
/// The built-in <see cref="IChatGptRateBudgetStore"/>: the state of every budget in this process's memory, one lock per
/// account. It is the reference for the rules a store applies (see <see cref="IChatGptRateBudgetStore"/>), and a shared
/// store may keep one as its fallback while its server is unreachable (seeding it with the last shared limits through
/// <see cref="ReportAsync"/>).
/// </summary>
/// <remarks>The client's rate limiter hands this store routine feedback (the same limits confirmed, what is left, a token
/// correction) with the budget's next acquisition rather than one report at a time, applied as of when it was observed,
/// and takes a few calls of a budget with room to spare ahead (at most 16, and a sixteenth of what it has to spare),
/// giving back what it did not spend: read a budget's state from <c>ResponseInfo.RateBudget</c> or the limiter's
/// metrics, which include both, rather than from the store directly.</remarks>
[Experimental(ChatGptRateBudgetDiagnostics.ExperimentalId)]
public sealed class ChatGptInProcessRateBudgetStore : IChatGptRateBudgetStore
{
    private readonly ConcurrentDictionary<string, AccountBudgets> _accounts = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly long _origin;

    /// <summary>Creates a store on the given clock.</summary>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    public ChatGptInProcessRateBudgetStore(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        _origin = _timeProvider.GetTimestamp();
    }

    /// <inheritdoc />
    public ValueTask<ChatGptRateBudgetAcquisition> TryAcquireAsync(ChatGptRateBudgetKey key, ChatGptRateBudgetPolicy policy, long tokens, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<ChatGptRateBudgetAcquisition>(cancellationToken)
            : new(TryAcquire(key, policy, tokens));

    /// <inheritdoc />
    public ValueTask<ChatGptRateBudgetSnapshot> ReportAsync(ChatGptRateBudgetKey key, ChatGptRateBudgetPolicy policy, ChatGptRateBudgetFeedback feedback, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<ChatGptRateBudgetSnapshot>(cancellationToken)
            : new(Report(key, policy, feedback));

    /// <summary>The synchronous form of <see cref="TryAcquireAsync"/>.</summary>
    internal ChatGptRateBudgetAcquisition TryAcquire(ChatGptRateBudgetKey key, ChatGptRateBudgetPolicy policy, long tokens) =>
        TryAcquire(key, policy, tokens, held: null, TimeSpan.Zero, lease: false, out _);

    /// <summary><see cref="TryAcquire(ChatGptRateBudgetKey, ChatGptRateBudgetPolicy, long)"/>, first applying the routine
    /// feedback the caller held since its last question (observed <paramref name="heldAge"/> ago), under the same lock;
    /// with <paramref name="lease"/>, a granted call of a limited budget with room to spare also takes up to
    /// <see cref="MaxLeaseCalls"/> more calls of the same cost (<paramref name="leasedCalls"/>) for the caller to hand out
    /// without asking, and to give back, unspent, with its next question or report.</summary>
    internal ChatGptRateBudgetAcquisition TryAcquire(ChatGptRateBudgetKey key, ChatGptRateBudgetPolicy policy, long tokens, in ChatGptRateBudgetFeedback? held, TimeSpan heldAge, bool lease, out long leasedCalls)
    {
        leasedCalls = 0;
        ArgumentNullException.ThrowIfNull(policy);
        tokens = Math.Max(0, tokens);
        var account = _accounts.GetOrAdd(key.AccountId, static _ => new AccountBudgets());
        lock (account.Lock)
        {
            var now = Now();
            ApplyHeld(account, key, policy, held, heldAge, now);
            var state = account.Prepare(key.ModelGroup, policy.RequestsPerMinute, policy.TokensPerMinute, policy, now);
            var accountWide = policy.HasAccountLimits && !key.IsAccountWide
                ? account.Prepare(string.Empty, policy.AccountRequestsPerMinute, policy.AccountTokensPerMinute, policy, now)
                : null;

            var reason = ChatGptRateBudgetWaitReason.None;
            var wait = TimeSpan.Zero;
            var probe = false;
            if (now < state.PausedUntil)
            {
                reason = ChatGptRateBudgetWaitReason.Paused;
                wait = Seconds(state.PausedUntil - now);
            }
            else if (state.IsCold(policy, now))
            {
                if (now < state.ProbeUntil)
                {
                    reason = ChatGptRateBudgetWaitReason.Probe;
                    wait = Seconds(state.ProbeUntil - now);
                }
                else
                {
                    probe = true;
                }
            }
            else if (!state.Requests.CanTake(1, now))
            {
                reason = ChatGptRateBudgetWaitReason.Requests;
                wait = state.Requests.TimeUntil(1, now);
            }
            else if (!state.Tokens.CanTake(tokens, now))
            {
                reason = ChatGptRateBudgetWaitReason.Tokens;
                wait = state.Tokens.TimeUntil(tokens, now);
            }

            if (reason == ChatGptRateBudgetWaitReason.None && accountWide is not null)
            {
                if (!accountWide.Requests.CanTake(1, now))
                {
                    reason = ChatGptRateBudgetWaitReason.AccountRequests;
                    wait = accountWide.Requests.TimeUntil(1, now);
                }
                else if (!accountWide.Tokens.CanTake(tokens, now))
                {
                    reason = ChatGptRateBudgetWaitReason.AccountTokens;
                    wait = accountWide.Tokens.TimeUntil(tokens, now);
                }
            }

            if (reason != ChatGptRateBudgetWaitReason.None)
            {
                // At least a millisecond: a wait computed as a hair above zero must not make the caller spin.
                return new(false, false, wait < MinimumWait ? MinimumWait : wait, reason, state.Snapshot(key.ModelGroup, policy, now));
            }

            if (probe)
            {
                state.ProbeUntil = now + policy.ProbeTimeout.TotalSeconds;
            }

            state.Requests.Take(1, now);
            state.Tokens.Take(tokens, now);
            accountWide?.Requests.Take(1, now);
            accountWide?.Tokens.Take(tokens, now);
            var snapshot = state.Snapshot(key.ModelGroup, policy, now);
            if (lease && !probe && snapshot.Phase == ChatGptRateBudgetPhase.Limited)
            {
                leasedCalls = Lease(state, accountWide, tokens, now);
            }

            return new(true, probe, TimeSpan.Zero, reason, snapshot);
        }
    }

    /// <summary>The synchronous form of <see cref="ReportAsync"/>.</summary>
    internal ChatGptRateBudgetSnapshot Report(ChatGptRateBudgetKey key, ChatGptRateBudgetPolicy policy, in ChatGptRateBudgetFeedback feedback) =>
        Report(key, policy, held: null, TimeSpan.Zero, feedback);

    /// <summary><see cref="Report(ChatGptRateBudgetKey, ChatGptRateBudgetPolicy, in ChatGptRateBudgetFeedback)"/>, first
    /// applying the routine feedback the caller held (observed <paramref name="heldAge"/> ago), under the same lock.</summary>
    internal ChatGptRateBudgetSnapshot Report(ChatGptRateBudgetKey key, ChatGptRateBudgetPolicy policy, in ChatGptRateBudgetFeedback? held, TimeSpan heldAge, in ChatGptRateBudgetFeedback feedback)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var account = _accounts.GetOrAdd(key.AccountId, static _ => new AccountBudgets());
        lock (account.Lock)
        {
            var now = Now();
            ApplyHeld(account, key, policy, held, heldAge, now);
            var state = Apply(account, key, policy, feedback, now, now);
            return state.Snapshot(key.ModelGroup, policy, now);
        }
    }

    /// <summary>Applies the feedback a caller held, if any, as of <paramref name="heldAge"/> before <paramref name="now"/>.</summary>
    private static void ApplyHeld(AccountBudgets account, ChatGptRateBudgetKey key, ChatGptRateBudgetPolicy policy, in ChatGptRateBudgetFeedback? held, TimeSpan heldAge, double now)
    {
        if (held is { } feedback)
        {
            Apply(account, key, policy, feedback, now - heldAge.TotalSeconds, now);
        }
    }

    /// <summary>Applies feedback to the budget at the time it was observed (learned limits, what was left, the server's
    /// pause run from then), so feedback a caller held for a while is not mistaken for news. Under the account's lock.</summary>
    private static RateBudgetState Apply(AccountBudgets account, ChatGptRateBudgetKey key, ChatGptRateBudgetPolicy policy, in ChatGptRateBudgetFeedback feedback, double observedAt, double now)
    {
        var at = Math.Min(observedAt, now);
        var state = account.Prepare(key.ModelGroup, policy.RequestsPerMinute, policy.TokensPerMinute, policy, at);
        if (feedback.ProbeEnded)
        {
            state.ProbeUntil = double.NegativeInfinity;
        }

        if (policy.Learn)
        {
            if (feedback.HasLimits)
            {
                state.Requests.Learn(feedback.RequestLimit, feedback.RequestWindow, feedback.RemainingRequests, at);
                state.Tokens.Learn(feedback.TokenLimit, feedback.TokenWindow, feedback.RemainingTokens, at);
                state.UnlimitedUntil = double.NegativeInfinity;
            }
            else if (feedback.NoLimitsReported && !state.IsLimited)
            {
                state.UnlimitedUntil = at + policy.LearnedLifetime.TotalSeconds;
            }
        }

        if (feedback.Throttled)
        {
            state.Requests.Throttle(at);
            state.Tokens.Throttle(at);
        }

        if (feedback.Pause > TimeSpan.Zero)
        {
            var until = at + Math.Min(feedback.Pause.TotalSeconds, RateBudgetState.MaxPauseSeconds);
            state.PausedUntil = Math.Max(state.PausedUntil, until);
        }

        state.Requests.Correct(feedback.RequestCorrection);
        state.Tokens.Correct(feedback.TokenCorrection);
        if (policy.HasAccountLimits && !key.IsAccountWide && (feedback.RequestCorrection != 0 || feedback.TokenCorrection != 0))
        {
            var accountWide = account.Prepare(string.Empty, policy.AccountRequestsPerMinute, policy.AccountTokensPerMinute, policy, now);
            accountWide.Requests.Correct(feedback.RequestCorrection);
            accountWide.Tokens.Correct(feedback.TokenCorrection);
        }

        return state;
    }

    /// <summary>The most calls one lease holds.</summary>
    internal const int MaxLeaseCalls = 16;

    /// <summary>A lease takes at most this share of what a budget has to spare (its minute bucket and its burst allowance).</summary>
    internal const double LeaseShare = 1.0 / 16;

    /// <summary>Takes up to <see cref="MaxLeaseCalls"/> calls of <paramref name="tokens"/> each from the budgets, no more
    /// than <see cref="LeaseShare"/> of what any of them has to spare: a budget near its end leases nothing, so every call
    /// asks and waits its turn as before.</summary>
    private static long Lease(RateBudgetState state, RateBudgetState? accountWide, long tokens, double now)
    {
        var calls = Math.Min(Affordable(state, tokens), accountWide is null ? MaxLeaseCalls : Affordable(accountWide, tokens));
        if (calls < 1)
        {
            return 0;
        }

        state.Requests.Take(calls, now);
        state.Tokens.Take(calls * tokens, now);
        accountWide?.Requests.Take(calls, now);
        accountWide?.Tokens.Take(calls * tokens, now);
        return calls;
    }

    private static long Affordable(RateBudgetState state, long tokens)
    {
        var calls = Math.Min(MaxLeaseCalls, state.Requests.Spare() * LeaseShare);
        if (tokens > 0)
        {
            calls = Math.Min(calls, state.Tokens.Spare() * LeaseShare / tokens);
        }

        return calls >= 1 ? (long)calls : 0;
    }

    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);

    private double Now() => (_timeProvider.GetTimestamp() - _origin) / (double)_timeProvider.TimestampFrequency;

    private static TimeSpan Seconds(double seconds) =>
        seconds >= ResponseHeaderParser.MaxWait.TotalSeconds ? ResponseHeaderParser.MaxWait : TimeSpan.FromSeconds(Math.Max(0, seconds));

    /// <summary>The budgets of one account, under one lock so that a call takes from its model's budget and the
    /// account-wide one atomically.</summary>
    private sealed class AccountBudgets
    {
        private readonly Dictionary<string, RateBudgetState> _budgets = new(StringComparer.Ordinal);

        public Lock Lock { get; } = new();

        public RateBudgetState Prepare(string modelGroup, int? requestsPerMinute, int? tokensPerMinute, ChatGptRateBudgetPolicy policy, double now)
        {
            if (!_budgets.TryGetValue(modelGroup, out var state))
            {
                state = new RateBudgetState();
                _budgets.Add(modelGroup, state);
            }

            // The account-wide budget holds configured limits only: the server's headers describe a model's budget.
            state.Prepare(requestsPerMinute, tokensPerMinute, modelGroup.Length == 0 ? policy with { Learn = false } : policy, now);
            return state;
        }
    }
}
