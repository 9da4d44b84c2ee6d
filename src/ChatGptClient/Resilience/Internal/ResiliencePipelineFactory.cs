using System.Threading.RateLimiting;
using Polly;
using Polly.RateLimiting;
using Polly.Timeout;

namespace ChatGpt.Resilience.Internal;

/// <summary>
/// Builds the client's pipeline, outermost first: call boundary (deadline, typed errors) → retry → rate limiter →
/// rate-limit feedback → attempt timeout. The total timeout is the client's: it cancels the token the pipeline runs
/// with, which stops waits and retries at once. Retries sit outside the limiter so every attempt is counted
/// against the account's budget; the attempt timeout sits inside it so time spent queueing is not an attempt's time.
/// </summary>
internal static class ResiliencePipelineFactory
{
    /// <summary>Beyond this a timeout is as good as none (and timers cannot represent it).</summary>
    private static readonly TimeSpan LongestTimeout = TimeSpan.FromDays(24);

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResiliencePipelineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        var options = settings.Options;
        builder.TimeProvider = settings.TimeProvider;

        builder.AddStrategy(_ => new CallBoundaryStrategy(settings));

        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryDecider(settings).CreateOptions());
        }

        if (settings.RateLimiter is { } limiter)
        {
            builder.AddRateLimiter(new RateLimiterStrategyOptions
            {
                Name = "ChatGpt.RateLimiter",
                RateLimiter = args => AcquireAsync(settings, limiter, args.Context),
                OnRejected = args =>
                {
                    var reason = args.Lease.TryGetMetadata(MetadataName.ReasonPhrase, out var phrase) && phrase is not null
                        ? phrase
                        : "the client-side rate limiter refused it.";
                    args.Context.Properties.Set(ResilienceKeys.RejectionReason, reason);
                    var request = args.Context.GetRequestMessage();
                    ResilienceLog.RateLimiterRejected(settings.Logger, request?.Method.Method ?? "?", request?.RequestUri?.AbsolutePath, reason);
                    return default;
                },
            });

            if (limiter is AdaptiveRateLimiter adaptive)
            {
                builder.AddStrategy(_ => new RateLimitFeedbackStrategy(settings, adaptive));
            }
        }

        if (IsFinite(options.AttemptTimeout))
        {
            var attempt = options.AttemptTimeout;
            builder.AddTimeout(new TimeoutStrategyOptions
            {
                Name = "ChatGpt.AttemptTimeout",
                TimeoutGenerator = _ => new ValueTask<TimeSpan>(attempt),
            });
        }
    }

    internal static bool IsFinite(TimeSpan timeout) => timeout > TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan && timeout < LongestTimeout;

    private static ValueTask<RateLimitLease> AcquireAsync(ResiliencePipelineSettings settings, RateLimiter limiter, ResilienceContext context)
    {
        var adaptive = limiter as AdaptiveRateLimiter;
        if (!context.Properties.TryGetValue(ResilienceKeys.TokenCost, out var cost))
        {
            // Estimating costs CPU: only when a token limit is known (or the limiter is someone else's). With plenty of
            // budget left the estimator skips the exact tokenizer, as the cost is corrected from the usage anyway.
            var budget = adaptive?.TokenBudget;
            cost = (budget is null || budget.Value.Capacity < double.PositiveInfinity) &&
                context.GetRequestMessage() is { } request && settings.CostEstimator is { } estimate
                ? estimate(request, budget is { } known ? Math.Max(0, known.Available) : 0)
                : 0;
            context.Properties.Set(ResilienceKeys.TokenCost, cost);
        }

        if (adaptive?.TryAcquireNow(cost) is { } lease)
        {
            // The common case, in one lock section: nobody queued and budget left.
            return new(lease);
        }

        if (adaptive is not null && context.Properties.TryGetValue(ResilienceKeys.Deadline, out var deadline))
        {
            var left = deadline - settings.TimeProvider.GetUtcNow();
            var wait = adaptive.EstimateWait(cost);
            if (wait > TimeSpan.Zero && wait >= left)
            {
                // Queueing would only end in a timeout: say so now, with when the budget should be back.
                return new(new LimiterLease(false, wait, $"the client-side rate limit has no room for it before its timeout (about {wait.TotalSeconds:0.#} s of waiting, {Math.Max(0, left.TotalSeconds):0.#} s left)."));
            }
        }

        return limiter.AcquireAsync(cost, context.CancellationToken);
    }
}
