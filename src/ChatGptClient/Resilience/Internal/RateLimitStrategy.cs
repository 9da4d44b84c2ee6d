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
        var request = context.GetRequestMessage();
        ChatGptRequestContext? call = null;
        request?.Options.TryGetValue(ChatGptRequestContext.OptionsKey, out call);
        var queue = QueueFor(call?.Model);
        var cost = Cost(queue, request, context);
        DateTimeOffset? deadline = context.Properties.TryGetValue(ResilienceKeys.Deadline, out var due) ? due : null;

        // A turn granted at once (the usual case) waited no time: the clock is read only around a real wait.
        var pending = queue.AcquireAsync(cost, deadline, context.CancellationToken);
        RateBudgetLease lease;
        if (pending.IsCompletedSuccessfully)
        {
            lease = pending.Result;
            Record(queue, lease, TimeSpan.Zero);
        }
        else
        {
            var started = _settings.TimeProvider.GetTimestamp();
            lease = await pending.ConfigureAwait(context.ContinueOnCapturedContext);
            Record(queue, lease, _settings.TimeProvider.GetElapsedTime(started));
        }

        if (!lease.Acquired)
        {
            return Reject(lease, context);
        }

        Outcome<HttpResponseMessage> outcome;
        try
        {
            outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch
        {
            if (lease.IsProbe)
            {
                queue.Report(new ChatGptRateBudgetFeedback { ProbeEnded = true });
            }

            throw;
        }

        Feedback(queue, outcome.Result, request, lease.IsProbe, call, cost);
        return outcome;
    }

    /// <summary>The queue of a model's budget, looked up once per model for this pipeline.</summary>
    internal RateBudgetQueue QueueFor(string? model)
    {
        var name = model ?? string.Empty;
        if (_byModel.TryGetValue(name, out var queue))
        {
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
        context.Properties.Set(ResilienceKeys.TokenCost, cost);
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

    private Outcome<HttpResponseMessage> Reject(RateBudgetLease lease, ResilienceContext context)
    {
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
}
