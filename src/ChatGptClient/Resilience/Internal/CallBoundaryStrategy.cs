using Polly;
using Polly.RateLimiting;
using Polly.Timeout;

namespace ChatGpt.Resilience.Internal;

/// <summary>
/// The outermost strategy: records the call's deadline for the strategies inside (so a retry or a queue wait that
/// cannot finish in time fails at once), and turns Polly's exceptions into the client's typed ones.
/// </summary>
internal sealed class CallBoundaryStrategy : ResilienceStrategy<HttpResponseMessage>
{
    private readonly ResiliencePipelineSettings _settings;

    public CallBoundaryStrategy(ResiliencePipelineSettings settings) => _settings = settings;

    protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback,
        ResilienceContext context,
        TState state)
    {
        if (ResiliencePipelineFactory.IsFinite(_settings.TotalTimeout))
        {
            var time = _settings.TimeProvider;
            context.Properties.Set(ResilienceKeys.Deadline, time.GetTimestamp() + (long)(_settings.TotalTimeout.TotalSeconds * time.TimestampFrequency));
        }

        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        return outcome.Exception switch
        {
            TimeoutRejectedException timeout when !context.CancellationToken.IsCancellationRequested =>
                Outcome.FromException<HttpResponseMessage>(Timeout(timeout, context)),
            RateLimiterRejectedException rejected =>
                Outcome.FromException<HttpResponseMessage>(new ChatGptRateLimitRejectedException(
                    $"The call was not sent: {ReasonOf(context)}", rejected.RetryAfter, rejected)),
            _ => outcome,
        };
    }

    private ChatGptException Timeout(TimeoutRejectedException timeout, ResilienceContext context)
    {
        var request = context.GetRequestMessage();
        var which = timeout.Timeout == _settings.TotalTimeout
            ? "ChatGptOptions.Timeout, which covers the whole call including retries"
            : "ChatGptOptions.Resilience.AttemptTimeout, on every attempt";
        var message = $"{request?.Method} {request?.RequestUri?.AbsolutePath} timed out after {timeout.Timeout.TotalSeconds:0.###} s ({which}).";
        return new ChatGptException(message, new TimeoutException(message, timeout));
    }

    private static string ReasonOf(ResilienceContext context) =>
        context.Properties.TryGetValue(ResilienceKeys.RejectionReason, out var reason) ? reason : "the client-side rate limiter refused it.";
}
