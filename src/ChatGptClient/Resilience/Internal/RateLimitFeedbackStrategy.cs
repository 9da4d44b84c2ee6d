using ChatGpt.Internal;
using Polly;

namespace ChatGpt.Resilience.Internal;

/// <summary>
/// Sits just inside the rate limiter and feeds each response back to it: the <c>x-ratelimit-*</c> headers teach it the
/// real limits and the budget left, and a 429 holds the whole account until the server's wait is over, so that calls
/// in parallel do not each collect their own 429.
/// </summary>
internal sealed class RateLimitFeedbackStrategy : ResilienceStrategy<HttpResponseMessage>
{
    private readonly ResiliencePipelineSettings _settings;
    private readonly AdaptiveRateLimiter _limiter;
    private readonly Action<int, int> _correctTokens;

    public RateLimitFeedbackStrategy(ResiliencePipelineSettings settings, AdaptiveRateLimiter limiter)
    {
        _settings = settings;
        _limiter = limiter;
        _correctTokens = limiter.CorrectTokens;
    }

    protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback,
        ResilienceContext context,
        TState state)
    {
        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        if (outcome.Result is not { } response)
        {
            return outcome;
        }

        if (response.IsSuccessStatusCode &&
            context.GetRequestMessage()?.Options.TryGetValue(ChatGptRequestContext.OptionsKey, out var call) == true &&
            context.Properties.TryGetValue(ResilienceKeys.TokenCost, out var estimated))
        {
            // The client reports the usage once it has read the body: then the estimate is replaced by the real cost.
            call.CorrectTokensOnUsage(_correctTokens, estimated);
        }

        var headers = response.Headers;
        var limits = _settings.Options.AdaptiveRateLimiting ? ResponseHeaderParser.GetRateLimits(headers) : default;
        if (limits.HasAny)
        {
            _limiter.Observe(limits);
        }

        if ((int)response.StatusCode == 429 && IsAccountExhausted(limits) &&
            (ResponseHeaderParser.GetRetryAfter(headers, _settings.TimeProvider.GetUtcNow()) ?? limits.SuggestedWait) is { } wait &&
            wait > TimeSpan.Zero)
        {
            var pause = (wait < _settings.Options.MaxDelay ? wait : _settings.Options.MaxDelay) + ChatGptResilienceDefaults.ServerWaitPadding;
            _limiter.Pause(pause);
            ResilienceLog.RateLimitPaused(_settings.Logger, context.GetRequestMessage()?.RequestUri?.Host ?? "?", pause.TotalMilliseconds);
        }

        return outcome;
    }

    /// <summary>Whether a 429 speaks for the whole account: its budget headers say a budget is spent, or it sent none.
    /// A 429 that reports budget left is about this one call, and must not hold everyone else's.</summary>
    private static bool IsAccountExhausted(RateLimitSnapshot limits) =>
        (!limits.RemainingRequests.HasValue && !limits.RemainingTokens.HasValue) ||
        limits.RemainingRequests <= 0 || limits.RemainingTokens <= 0;
}
