using System.Collections.Concurrent;
using ChatGpt.Http.Internal;
using ChatGpt.Internal;
using Polly;
using Polly.RateLimiting;

namespace ChatGpt.Resilience.Internal;

/// <summary>
/// The client-side rate limit of each attempt, inside the retry: waits its turn in the local queue of the call's budget
/// (the account and the model group, <see cref="ModelBudgetGroup"/>), then feeds the response back to the budget's
/// store: the <c>x-ratelimit-*</c> headers teach it the model's limits and what is left, a 429 holds the budget for the
/// server's wait and slows its pace, the end of a cold-start probe releases the calls that waited for it, and the
/// usage corrects the estimated token cost.
/// </summary>
/// <remarks>
/// A refusal keeps Polly's type (<see cref="RateLimiterRejectedException"/>), so the retry and the call boundary see
/// what Polly's rate limiter would give them. The attempt timeout sits inside, so time spent queueing is not the attempt's.
/// </remarks>
internal sealed class RateLimitStrategy : ResilienceStrategy<HttpResponseMessage>
{
    private readonly ResiliencePipelineSettings _settings;
    private readonly IChatGptRateBudgetStore _store;
    private readonly ConcurrentDictionary<string, RateBudgetQueue> _byModel = new(StringComparer.Ordinal);
    private ModelQueue? _lastModel;

    public RateLimitStrategy(ResiliencePipelineSettings settings, IChatGptRateBudgetStore store)
    {
        _settings = settings;
        _store = store;
    }

    protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback,
        ResilienceContext context,
        TState state)
    {
        if (FirstAttemptReplay.IsPending(context))
        {
            // The first attempt ran on the fast lane, which took its turn and gave its feedback: only its outcome is replayed.
            return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        }

        var request = context.GetRequestMessage();
        DateTimeOffset? deadline = context.Properties.TryGetValue(ResilienceKeys.Deadline, out var due) ? due : null;
        var pending = TakeTurnAsync(request, context, deadline);
        var turn = pending.IsCompletedSuccessfully ? pending.Result : await pending.ConfigureAwait(context.ContinueOnCapturedContext);
        RememberCost(context, turn);
        if (!turn.Lease.Acquired)
        {
            return Refuse(turn, context);
        }

        Outcome<HttpResponseMessage> outcome;
        try
        {
            outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch
        {
            Abandon(turn);
            throw;
        }

        Finish(turn, outcome.Result, request);
        return outcome;
    }

    /// <summary>Waits for the attempt's turn in its budget (at once, without a state machine, when the budget has room).</summary>
    /// <param name="request">The attempt's request.</param>
    /// <param name="context">The call's context: its token, and the token cost estimated once for all its attempts.</param>
    /// <param name="deadline">When the whole call must be over, if known.</param>
    public ValueTask<RateLimitTurn> TakeTurnAsync(HttpRequestMessage? request, ResilienceContext context, DateTimeOffset? deadline)
    {
        ChatGptRequestContext? call = null;
        request?.Options.TryGetValue(ChatGptRequestContext.OptionsKey, out call);
        var queue = QueueFor(call?.Model);
        var cost = Cost(queue, request, context);

        // A turn granted at once (the usual case) waited no time: the clock is read only around a real wait.
        var pending = queue.AcquireAsync(cost, deadline, context.CancellationToken);
        if (pending.IsCompletedSuccessfully)
        {
            var lease = pending.Result;
            Record(queue, lease, TimeSpan.Zero);
            return new(new RateLimitTurn(queue, lease, call, cost));
        }

        return WaitTurnAsync(pending, queue, call, cost, context);
    }

    private async ValueTask<RateLimitTurn> WaitTurnAsync(ValueTask<RateBudgetLease> pending, RateBudgetQueue queue, ChatGptRequestContext? call, int cost, ResilienceContext context)
    {
        var started = _settings.TimeProvider.GetTimestamp();
        var lease = await pending.ConfigureAwait(context.ContinueOnCapturedContext);
        Record(queue, lease, _settings.TimeProvider.GetElapsedTime(started));
        return new RateLimitTurn(queue, lease, call, cost);
    }

    /// <summary>Keeps the turn's token cost for the call's later attempts (estimated once per call).</summary>
    public static void RememberCost(ResilienceContext context, in RateLimitTurn turn) => context.Properties.Set(ResilienceKeys.TokenCost, turn.Cost);

    /// <summary>The attempt ended without an outcome (its callback threw): nothing learned, but a probe is over.</summary>
    public static void Abandon(in RateLimitTurn turn)
    {
        if (turn.Lease.IsProbe)
        {
            turn.Queue.Report(new ChatGptRateBudgetFeedback { ProbeEnded = true });
        }
    }

    /// <summary>Feeds the attempt's answer (or its absence) back to the budget.</summary>
    public void Finish(in RateLimitTurn turn, HttpResponseMessage? response, HttpRequestMessage? request) =>
        Feedback(turn.Queue, response, request, turn.Lease.IsProbe, turn.Call, turn.Cost);

    /// <summary>The queue of a model's budget, looked up once per model for this pipeline.</summary>
    internal RateBudgetQueue QueueFor(string? model)
    {
        // Calls mostly name the same model, often the same string instance: that one is answered without hashing.
        var name = model ?? string.Empty;
        if (Volatile.Read(ref _lastModel) is { } last && ReferenceEquals(last.Model, name))
        {
            return last.Queue;
        }

        if (_byModel.TryGetValue(name, out var queue))
        {
            Volatile.Write(ref _lastModel, new ModelQueue(name, queue));
            return queue;
        }

        var options = _settings.Options;
        var group = ModelBudgetGroup.Resolve(model, options, _settings.BaseAddress);
        var limits = ModelBudgetGroup.ConfiguredLimits(group, model, options);
        var policy = new ChatGptRateBudgetPolicy
        {
            RequestsPerMinute = limits?.RequestsPerMinute,
            TokensPerMinute = limits?.TokensPerMinute,
            AccountRequestsPerMinute = options.RequestsPerMinute,
            AccountTokensPerMinute = options.TokensPerMinute,
            Learn = options.AdaptiveRateLimiting,
            BurstGrowthPerSecond = options.BurstGrowthPerSecond,
        };
        queue = RateBudgetRegistry.GetQueue(_store, new ChatGptRateBudgetKey(_settings.Account, group), policy, options.QueueLimit, _settings.TimeProvider, _settings.Logger);
        return _byModel.GetOrAdd(name, queue);
    }

    private int Cost(RateBudgetQueue queue, HttpRequestMessage? request, ResilienceContext context)
    {
        if (context.Properties.TryGetValue(ResilienceKeys.TokenCost, out var cost))
        {
            return cost;
        }

        // Estimating costs CPU: only where tokens are limited, or may turn out to be (a cold budget learns its limits from
        // the probe while this call waits). With plenty of budget left (or none known yet) the estimator skips the exact tokenizer,
        // as the cost is corrected from the usage anyway; the exact count only where it can decide a wait.
        var budget = queue.LastKnown;
        var policy = queue.Policy;
        var tokensMatter = budget.TokenLimit.HasValue || policy.TokensPerMinute.HasValue || policy.AccountTokensPerMinute.HasValue ||
            (policy.Learn && budget.Phase is ChatGptRateBudgetPhase.Cold or ChatGptRateBudgetPhase.Probing);
        cost = tokensMatter && request is not null && _settings.CostEstimator is { } estimate
            ? estimate(request, budget.TokensAvailable is { } available ? Math.Max(0, available) : double.MaxValue)
            : 0;
        return cost;
    }

    private void Record(RateBudgetQueue queue, in RateBudgetLease lease, TimeSpan waited)
    {
        var metrics = _settings.Metrics;
        if (lease.Acquired && waited > TimeSpan.Zero)
        {
            ResilienceLog.RateLimiterWaited(_settings.Logger, queue.Key.ModelGroup, waited.TotalMilliseconds);
        }

        if (metrics is null)
        {
            return;
        }

        var group = new KeyValuePair<string, object?>(Diagnostics.Internal.ChatGptMetrics.ModelGroupTag, queue.Key.ModelGroup);
        if (metrics.RateLimiterWait.Enabled)
        {
            metrics.RateLimiterWait.Record(waited.TotalSeconds, group, new(Diagnostics.Internal.ChatGptMetrics.OutcomeTag, lease.Acquired ? "acquired" : "rejected"));
        }

        if (!lease.Acquired && metrics.RateLimiterRejections.Enabled)
        {
            metrics.RateLimiterRejections.Add(1, group, new(Diagnostics.Internal.ChatGptMetrics.ReasonTag, lease.Rejection ?? "other"));
        }
    }

    /// <summary>The refused turn as Polly's rate limiter would give it, with the reason for the call boundary.</summary>
    public Outcome<HttpResponseMessage> Refuse(in RateLimitTurn turn, ResilienceContext context)
    {
        var lease = turn.Lease;
        var reason = lease.Reason ?? "the client-side rate limiter refused it.";
        context.Properties.Set(ResilienceKeys.RejectionReason, reason);
        var request = context.GetRequestMessage();
        ResilienceLog.RateLimiterRejected(_settings.Logger, request?.Method.Method ?? "?", request?.RequestUri?.AbsolutePath, reason);
        var exception = lease.RetryAfter is { } retryAfter
            ? new RateLimiterRejectedException(reason, retryAfter)
            : new RateLimiterRejectedException(reason);
        return Outcome.FromException<HttpResponseMessage>(exception);
    }

    private void Feedback(RateBudgetQueue queue, HttpResponseMessage? response, HttpRequestMessage? request, bool isProbe, ChatGptRequestContext? call, int estimated)
    {
        if (response is null)
        {
            // The attempt failed without an answer (connection, timeout): nothing learned, but a probe is over.
            if (isProbe)
            {
                queue.Report(new ChatGptRateBudgetFeedback { ProbeEnded = true });
            }

            return;
        }

        if (response.IsSuccessStatusCode && call is not null)
        {
            // The client reports the usage once it has read the body: then the estimate is replaced by the real cost.
            call.CorrectTokensOnUsage(queue.CorrectTokens, estimated);
        }

        var metadata = ResponseMetadata.Of(response, request, _settings.TimeProvider);
        var feedback = RateLimitFeedback.FromResponse(metadata, isProbe, _settings.Options);
        if (feedback.Pause > TimeSpan.Zero)
        {
            ResilienceLog.RateLimitPaused(_settings.Logger, queue.Key.ModelGroup, feedback.Pause.TotalMilliseconds);
        }

        if (feedback.HasLimits || feedback.NoLimitsReported || feedback.Throttled || isProbe)
        {
            var before = queue.LastKnown;
            queue.Report(feedback);
            if (before.Phase != ChatGptRateBudgetPhase.Limited && queue.LastKnown is { Phase: ChatGptRateBudgetPhase.Limited } after)
            {
                ResilienceLog.BudgetLearned(_settings.Logger, queue.Key.ModelGroup, after.RequestLimit, after.TokenLimit);
            }
        }

        metadata.RateBudgetQueue = queue;
    }

    /// <summary>The model asked for last and its queue.</summary>
    private sealed record ModelQueue(string Model, RateBudgetQueue Queue);
}
