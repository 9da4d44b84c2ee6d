using Polly;
using Polly.Timeout;

namespace ChatGpt.Resilience.Internal;

/// <summary>
/// Builds the client's pipeline, outermost first: call boundary (deadline, typed errors) → Polly's retry → rate limit
/// (the limiter's permit and the feedback of the <c>x-ratelimit-*</c> headers: <see cref="RateLimitStrategy"/>) →
/// Polly's attempt timeout. The total timeout is the client's: it cancels the token the pipeline runs
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
            builder.AddRetry(new ServerGuidedRetry(settings).CreateOptions());
        }

        if (settings.BudgetStore is { } store)
        {
            builder.AddStrategy(_ => new RateLimitStrategy(settings, store));
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
}
