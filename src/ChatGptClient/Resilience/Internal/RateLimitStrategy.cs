using System.Threading.RateLimiting;
using ChatGpt.Http.Internal;
using ChatGpt.Internal;
using Polly;
using Polly.RateLimiting;

namespace ChatGpt.Resilience.Internal;

/// <summary>
/// The client-side rate limit of each attempt, inside the retry: takes the limiter's permit, then feeds the response
/// back to the adaptive limiter: the <c>x-ratelimit-*</c> headers teach it the real limits and the budget left, and a
/// 429 for the whole account holds it until the server's wait is over, so that calls in parallel do not each collect
/// their own 429.
/// </summary>
/// <remarks>
/// One strategy rather than Polly's rate limiter strategy around a feedback strategy: every layer of a pipeline costs
/// each call a generic virtual dispatch and an async frame, and the two always run together. A refusal keeps Polly's
/// type (<see cref="RateLimiterRejectedException"/>), so the retry and the call boundary see what Polly's strategy
/// would give them. The attempt timeout (Polly's) sits inside, so time spent queueing for the permit is not the attempt's.
/// </remarks>
internal sealed class RateLimitStrategy : ResilienceStrategy<HttpResponseMessage>
{
    private readonly ResiliencePipelineSettings _settings;
    private readonly RateLimiter _limiter;
    private readonly AdaptiveRateLimiter? _adaptive;
    private readonly Action<int, int>? _correctTokens;

    public RateLimitStrategy(ResiliencePipelineSettings settings, RateLimiter limiter)
    {
        _settings = settings;
        _limiter = limiter;
        _adaptive = limiter as AdaptiveRateLimiter;
        _correctTokens = _adaptive is null ? null : _adaptive.CorrectTokens;
    }

    protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback,
        ResilienceContext context,
        TState state)
    {
        var lease = await AcquireAsync(_limiter, context).ConfigureAwait(context.ContinueOnCapturedContext);
        if (!lease.IsAcquired)
        {
            return Reject(lease, context);
        }

        // The permit is held until the response headers are in, as with Polly's rate limiter strategy.
        using (lease)
        {
            var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);

            if (_adaptive is not null && outcome.Result is { } response)
            {
                Feedback(_adaptive, response, context);
            }

            return outcome;
        }
    }

    private ValueTask<RateLimitLease> AcquireAsync(RateLimiter limiter, ResilienceContext context)
    {
        if (!context.Properties.TryGetValue(ResilienceKeys.TokenCost, out var cost))
        {
            // Estimating costs CPU: only when a token limit is known (or the limiter is someone else's). With plenty of
            // budget left the estimator skips the exact tokenizer, as the cost is corrected from the usage anyway.
            var budget = _adaptive?.TokenBudget;
            cost = (budget is null || budget.Value.Capacity < double.PositiveInfinity) &&
                context.GetRequestMessage() is { } request && _settings.CostEstimator is { } estimate
                ? estimate(request, budget is { } known ? Math.Max(0, known.Available) : 0)
                : 0;
            context.Properties.Set(ResilienceKeys.TokenCost, cost);
        }

        if (_adaptive?.TryAcquireNow(cost) is { } lease)
        {
            // The common case, in one lock section: nobody queued and budget left.
            return new(lease);
        }

        if (_adaptive is not null && context.Properties.TryGetValue(ResilienceKeys.Deadline, out var deadline))
        {
            var left = deadline - _settings.TimeProvider.GetUtcNow();
            var wait = _adaptive.EstimateWait(cost);
            if (wait > TimeSpan.Zero && wait >= left)
            {
                // Queueing would only end in a timeout: say so now, with when the budget should be back.
                return new(new LimiterLease(false, wait, $"the client-side rate limit has no room for it before its timeout (about {wait.TotalSeconds:0.#} s of waiting, {Math.Max(0, left.TotalSeconds):0.#} s left)."));
            }
        }

        return limiter.AcquireAsync(cost, context.CancellationToken);
    }

    private Outcome<HttpResponseMessage> Reject(RateLimitLease lease, ResilienceContext context)
    {
        using (lease)
        {
            var reason = lease.TryGetMetadata(MetadataName.ReasonPhrase, out var phrase) && phrase is not null
                ? phrase
                : "the client-side rate limiter refused it.";
            context.Properties.Set(ResilienceKeys.RejectionReason, reason);
            var request = context.GetRequestMessage();
            ResilienceLog.RateLimiterRejected(_settings.Logger, request?.Method.Method ?? "?", request?.RequestUri?.AbsolutePath, reason);
            var exception = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                ? new RateLimiterRejectedException(reason, retryAfter)
                : new RateLimiterRejectedException(reason);
            return Outcome.FromException<HttpResponseMessage>(exception);
        }
    }

    private void Feedback(AdaptiveRateLimiter limiter, HttpResponseMessage response, ResilienceContext context)
    {
        if (response.IsSuccessStatusCode &&
            context.GetRequestMessage()?.Options.TryGetValue(ChatGptRequestContext.OptionsKey, out var call) == true &&
            context.Properties.TryGetValue(ResilienceKeys.TokenCost, out var estimated))
        {
            // The client reports the usage once it has read the body: then the estimate is replaced by the real cost.
            call.CorrectTokensOnUsage(_correctTokens!, estimated);
        }

        // The one reading of the response; its rate limits are empty for a response that is not the API's own.
        var metadata = ResponseMetadata.Of(response, context.GetRequestMessage(), _settings.TimeProvider);
        var limits = _settings.Options.AdaptiveRateLimiting ? metadata.RateLimits : default;
        if (limits.HasAny)
        {
            limiter.Observe(limits);
        }

        if ((int)response.StatusCode == 429 && metadata.IsApiResponse && IsAccountExhausted(limits) &&
            (metadata.RetryAfter ?? limits.SuggestedWait) is { } wait &&
            wait > TimeSpan.Zero)
        {
            var pause = (wait < _settings.Options.MaxDelay ? wait : _settings.Options.MaxDelay) + ChatGptResilienceDefaults.ServerWaitPadding;
            limiter.Pause(pause);
            ResilienceLog.RateLimitPaused(_settings.Logger, context.GetRequestMessage()?.RequestUri?.Host ?? "?", pause.TotalMilliseconds);
        }
    }

    private static bool IsAccountExhausted(RateLimitSnapshot limits) =>
        (!limits.RemainingRequests.HasValue && !limits.RemainingTokens.HasValue) ||
        limits.RemainingRequests <= 0 || limits.RemainingTokens <= 0;
}
