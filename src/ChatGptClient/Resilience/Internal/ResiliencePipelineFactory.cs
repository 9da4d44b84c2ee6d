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

    /// <summary>Adds the strategies.</summary>
    /// <param name="builder">The pipeline's builder.</param>
    /// <param name="settings">What the pipeline is built from.</param>
    /// <param name="limiter">The rate limit strategy to use, so that copies of the pipeline and <see cref="FirstAttemptLane"/>
    /// share one (see <see cref="CreateLimiter"/>); one of its own when <see langword="null"/>.</param>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResiliencePipelineSettings settings, RateLimitStrategy? limiter = null)
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

        if ((limiter ?? CreateLimiter(settings)) is { } rateLimit)
        {
            builder.AddStrategy(_ => rateLimit);
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

    /// <summary>The rate limit strategy of <paramref name="settings"/>, or <see langword="null"/> when calls are not limited on the client.</summary>
    public static RateLimitStrategy? CreateLimiter(ResiliencePipelineSettings settings) =>
        settings.BudgetStore is { } store ? new RateLimitStrategy(settings, store) : null;

    internal static bool IsFinite(TimeSpan timeout) => timeout > TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan && timeout < LongestTimeout;
}
