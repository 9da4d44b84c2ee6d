using ChatGpt.Internal;
using Polly;
using Polly.Timeout;

namespace ChatGpt.Resilience.Internal;

/// <summary>
/// Runs a call's first attempt the way the pipeline would (its turn in the rate budget, the attempt timeout, the
/// budget's feedback), without Polly's machinery: most calls succeed on the first attempt, and for them the retry and
/// timeout strategies only cost time (about 0.6 us a short call). Anything but a success is handed to the pipeline
/// through <see cref="FirstAttemptReplay"/>, which replays it as the pipeline's first attempt, so a retried, refused or
/// timed-out call goes through the same retry decision, delays, logs and typed errors as before.
/// </summary>
/// <remarks>Used only while nobody observes Polly's telemetry (the pipeline copy without it would report nothing for a
/// first attempt that succeeds either); see <see cref="ResiliencePipelineSource.Select"/>.</remarks>
internal sealed class FirstAttemptLane
{
    private readonly ResiliencePipelineSettings _settings;
    private readonly RateLimitStrategy? _limiter;
    private readonly TimeSpan _attemptTimeout;
    private readonly bool _timed;

    public FirstAttemptLane(ResiliencePipelineSettings settings, RateLimitStrategy? limiter)
    {
        _settings = settings;
        _limiter = limiter;
        _attemptTimeout = settings.Options.AttemptTimeout;
        _timed = ResiliencePipelineFactory.IsFinite(_attemptTimeout);
    }

    /// <summary>Whether the pipeline must take over after <paramref name="outcome"/>: anything but a success.</summary>
    public static bool NeedsPipeline(in Outcome<HttpResponseMessage> outcome) => outcome.Result is not { IsSuccessStatusCode: true };

    /// <summary>The first attempt's outcome; when it is not a success (<see cref="NeedsPipeline"/>), the caller hands it to
    /// the pipeline with <see cref="FirstAttemptReplay.Hand"/>.</summary>
    public ValueTask<Outcome<HttpResponseMessage>> RunAsync(HttpMessageInvoker next, HttpRequestMessage request, ResilienceContext context)
    {
        if (_limiter is null)
        {
            return Send(next, request, context.CancellationToken);
        }

        var pending = _limiter.TakeTurnAsync(request, context, CallBoundaryStrategy.DeadlineOf(request, _settings));
        return pending.IsCompletedSuccessfully ? Go(next, request, context, pending.Result) : WaitThenGoAsync(pending, next, request, context);
    }

    private async ValueTask<Outcome<HttpResponseMessage>> WaitThenGoAsync(ValueTask<RateLimitTurn> pending, HttpMessageInvoker next, HttpRequestMessage request, ResilienceContext context)
    {
        RateLimitTurn turn;
        try
        {
            turn = await pending.ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch (Exception ex)
        {
            // Cancelled while queueing: the pipeline's rate limit strategy would have let it out of the same way.
            return Outcome.FromException<HttpResponseMessage>(ex);
        }

        return await Go(next, request, context, turn).ConfigureAwait(context.ContinueOnCapturedContext);
    }

    private ValueTask<Outcome<HttpResponseMessage>> Go(HttpMessageInvoker next, HttpRequestMessage request, ResilienceContext context, RateLimitTurn turn)
    {
        var limiter = _limiter!;
        if (!turn.Lease.Acquired)
        {
            RateLimitStrategy.RememberCost(context, turn);
            context.SetRequestMessage(request); // For the refusal's log, as in the pipeline.
            return new(limiter.Refuse(turn, context));
        }

        var sending = Send(next, request, context.CancellationToken);
        if (!sending.IsCompletedSuccessfully)
        {
            return FinishAsync(sending, request, context, turn);
        }

        var outcome = sending.Result;
        Finish(outcome, request, context, turn);
        return new(outcome);
    }

    private async ValueTask<Outcome<HttpResponseMessage>> FinishAsync(ValueTask<Outcome<HttpResponseMessage>> sending, HttpRequestMessage request, ResilienceContext context, RateLimitTurn turn)
    {
        var outcome = await sending.ConfigureAwait(context.ContinueOnCapturedContext);
        Finish(outcome, request, context, turn);
        return outcome;
    }

    private void Finish(in Outcome<HttpResponseMessage> outcome, HttpRequestMessage request, ResilienceContext context, in RateLimitTurn turn)
    {
        _limiter!.Finish(turn, outcome.Result, request);
        if (NeedsPipeline(outcome))
        {
            RateLimitStrategy.RememberCost(context, turn); // The retries are charged what this attempt was.
        }
    }

    /// <summary>The attempt itself (<see cref="ChatGptResilienceHandler.Attempt"/>), under the attempt timeout.</summary>
    private ValueTask<Outcome<HttpResponseMessage>> Send(HttpMessageInvoker next, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!_timed)
        {
            return ChatGptResilienceHandler.Attempt(next, request, continueOnCapturedContext: false, cancellationToken);
        }

        var attempt = new CallCancellation(_attemptTimeout, _settings.TimeProvider, cancellationToken, reusable: false);
        var sending = ChatGptResilienceHandler.Attempt(next, request, continueOnCapturedContext: false, attempt.Token);
        return sending.IsCompletedSuccessfully
            ? new(End(attempt, sending.Result, cancellationToken))
            : EndAsync(sending, attempt, cancellationToken);
    }

    private async ValueTask<Outcome<HttpResponseMessage>> EndAsync(ValueTask<Outcome<HttpResponseMessage>> sending, CallCancellation attempt, CancellationToken cancellationToken) =>
        End(attempt, await sending.ConfigureAwait(false), cancellationToken); // An attempt's outcome carries its failure: it never throws.

    /// <summary>Disarms the attempt's timeout; a cancellation it caused becomes Polly's <see cref="TimeoutRejectedException"/>,
    /// as the pipeline's timeout strategy reports it.</summary>
    private Outcome<HttpResponseMessage> End(CallCancellation attempt, Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken)
    {
        var timedOut = attempt.TimedOut(cancellationToken);
        attempt.Dispose();
        return timedOut && outcome.Exception is OperationCanceledException cancelled
            ? Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException(
                $"The operation didn't complete within the allowed timeout of '{_attemptTimeout}'.", _attemptTimeout, cancelled))
            : outcome;
    }
}
