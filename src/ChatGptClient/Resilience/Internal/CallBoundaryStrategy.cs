using ChatGpt.Internal;
using Polly;
using Polly.RateLimiting;
using Polly.Timeout;

namespace ChatGpt.Resilience.Internal;

/// <summary>
/// The outermost strategy: records the call's deadline for the strategies inside (so a retry or a queue wait that
/// cannot finish in time fails at once), and turns Polly's exceptions into the client's typed ones.
/// The total timeout itself is enforced by the client (it cancels the token this pipeline runs with), so that it holds
/// with or without this pipeline.
/// </summary>
internal sealed class CallBoundaryStrategy : ResilienceStrategy<HttpResponseMessage>
{
    private readonly ResiliencePipelineSettings _settings;

    public CallBoundaryStrategy(ResiliencePipelineSettings settings) => _settings = settings;

    protected override ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback,
        ResilienceContext context,
        TState state)
    {
        SetDeadline(context);

        // An attempt that completed synchronously (an in-memory handler, a refusal) needs no state machine.
        var pending = callback(context, state);
        return pending.IsCompletedSuccessfully ? new(Translate(pending.Result, context)) : AwaitAsync(pending, context);
    }

    private static async ValueTask<Outcome<HttpResponseMessage>> AwaitAsync(ValueTask<Outcome<HttpResponseMessage>> pending, ResilienceContext context) =>
        Translate(await pending.ConfigureAwait(context.ContinueOnCapturedContext), context);

    private void SetDeadline(ResilienceContext context)
    {
        if (DeadlineOf(context.GetRequestMessage(), _settings) is { } deadline)
        {
            context.Properties.Set(ResilienceKeys.Deadline, deadline);
        }
    }

    /// <summary>When the call of <paramref name="request"/> must be over: the client measures the total timeout and says
    /// when; a request sent by other code gets the same budget from the options, from now.</summary>
    public static DateTimeOffset? DeadlineOf(HttpRequestMessage? request, ResiliencePipelineSettings settings) =>
        request is not null && request.Options.TryGetValue(ChatGptRequestContext.OptionsKey, out var call) && call.Deadline is { } deadline
            ? deadline
            : ChatGptRequestContext.DeadlineFrom(settings.TimeProvider, settings.TotalTimeout);

    private static Outcome<HttpResponseMessage> Translate(Outcome<HttpResponseMessage> outcome, ResilienceContext context) =>
        outcome.Exception switch
        {
            TimeoutRejectedException timeout when !context.CancellationToken.IsCancellationRequested =>
                Outcome.FromException<HttpResponseMessage>(Timeout(timeout, context)),
            RateLimiterRejectedException rejected =>
                Outcome.FromException<HttpResponseMessage>(new ChatGptRateLimitRejectedException(
                    $"The call was not sent: {ReasonOf(context)}", rejected.RetryAfter, rejected)),
            _ => outcome,
        };

    private static ChatGptException Timeout(TimeoutRejectedException timeout, ResilienceContext context)
    {
        var request = context.GetRequestMessage();
        var message = $"{request?.Method} {request?.RequestUri?.AbsolutePath} timed out: every attempt took longer than {timeout.Timeout.TotalSeconds:0.###} s (ChatGptOptions.Resilience.AttemptTimeout).";
        return new ChatGptException(message, new TimeoutException(message, timeout));
    }

    private static string ReasonOf(ResilienceContext context) =>
        context.Properties.TryGetValue(ResilienceKeys.RejectionReason, out var reason) ? reason : "the client-side rate limiter refused it.";
}
