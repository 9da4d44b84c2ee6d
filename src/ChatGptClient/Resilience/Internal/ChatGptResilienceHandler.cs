using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace ChatGpt.Resilience.Internal;

/// <summary>
/// Runs each request through its client's pipeline (<see cref="ResiliencePipelineSource"/>), or straight on when
/// resilience is off. A <see cref="ResilienceHandler"/> so that <c>RemoveAllResilienceHandlers()</c> removes it as it
/// removes the handlers of <c>Microsoft.Extensions.Http.Resilience</c>; its own path skips what that handler does per
/// call for features this pipeline does not use (the request's context in <see cref="HttpRequestMessage.Options"/>,
/// request metadata, a pipeline selector). While nobody observes Polly's telemetry, the first attempt runs on
/// <see cref="FirstAttemptLane"/> and the pipeline takes over only when it was not a success.
/// </summary>
internal sealed class ChatGptResilienceHandler : ResilienceHandler
{
    private readonly ResiliencePipelineSource _pipelines;
    private HttpMessageInvoker? _next;

    public ChatGptResilienceHandler(ResiliencePipelineSource pipelines)
        : base(static _ => ResiliencePipeline<HttpResponseMessage>.Empty) => _pipelines = pipelines;

    // The base class's SendAsync would run its own pipeline: the inner handler is reached through an invoker instead.
    private HttpMessageInvoker Next => _next ??= new HttpMessageInvoker(
        InnerHandler ?? throw new InvalidOperationException("The ChatGpt resilience handler has no inner handler."), disposeHandler: false);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pipeline = _pipelines.Select(out var lane);
        if (pipeline is null)
        {
            return Next.SendAsync(request, cancellationToken);
        }

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        if (lane is null)
        {
            return SendThroughAsync(pipeline, context, request, first: null);
        }

        // A first attempt that succeeded synchronously (an in-memory handler, a cached answer) needs no state machine.
        ValueTask<Outcome<HttpResponseMessage>> first;
        try
        {
            first = lane.RunAsync(Next, request, context);
        }
        catch
        {
            ResilienceContextPool.Shared.Return(context);
            throw;
        }

        if (first.IsCompletedSuccessfully && !FirstAttemptLane.NeedsPipeline(first.Result))
        {
            ResilienceContextPool.Shared.Return(context);
            return Task.FromResult(first.Result.Result!);
        }

        return SendThroughAsync(pipeline, context, request, first);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pipeline = _pipelines.Select(out _);
        if (pipeline is null)
        {
            return Next.Send(request, cancellationToken);
        }

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.SetRequestMessage(request);
        try
        {
            return pipeline.Execute(static (context, state) => state.Next.Send(state.request, context.CancellationToken), context, (Next, request));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>One attempt: the next handler's answer, or what it failed with, as an outcome; no state machine when it
    /// answered synchronously.</summary>
    internal static ValueTask<Outcome<HttpResponseMessage>> Attempt(HttpMessageInvoker next, HttpRequestMessage request, bool continueOnCapturedContext, CancellationToken cancellationToken)
    {
        Task<HttpResponseMessage> sending;
        try
        {
            sending = next.SendAsync(request, cancellationToken);
        }
        catch (Exception ex)
        {
            return new(Outcome.FromException<HttpResponseMessage>(ex));
        }

        return sending.IsCompletedSuccessfully ? new(Outcome.FromResult(sending.Result)) : AwaitAttemptAsync(sending, continueOnCapturedContext);
    }

    private static async ValueTask<Outcome<HttpResponseMessage>> AwaitAttemptAsync(Task<HttpResponseMessage> sending, bool continueOnCapturedContext)
    {
        try
        {
            return Outcome.FromResult(await sending.ConfigureAwait(continueOnCapturedContext));
        }
        catch (Exception ex)
        {
            return Outcome.FromException<HttpResponseMessage>(ex);
        }
    }

    /// <summary>An attempt inside the pipeline: the first attempt's outcome when the lane ran it, else a new one.</summary>
    private static ValueTask<Outcome<HttpResponseMessage>> PipelineAttempt(HttpMessageInvoker next, HttpRequestMessage request, ResilienceContext context) =>
        FirstAttemptReplay.TryTake(context, out var replayed)
            ? new(replayed)
            : Attempt(next, request, context.ContinueOnCapturedContext, context.CancellationToken);

    /// <summary>The call through the pipeline, after the lane's <paramref name="first"/> attempt when there was one.</summary>
    private async Task<HttpResponseMessage> SendThroughAsync(ResiliencePipeline<HttpResponseMessage> pipeline, ResilienceContext context, HttpRequestMessage request, ValueTask<Outcome<HttpResponseMessage>>? first)
    {
        try
        {
            if (first is { } pending)
            {
                var firstOutcome = await pending.ConfigureAwait(false);
                if (!FirstAttemptLane.NeedsPipeline(firstOutcome))
                {
                    return firstOutcome.Result!;
                }

                FirstAttemptReplay.Hand(context, firstOutcome);
            }

            context.SetRequestMessage(request);
            var outcome = await pipeline.ExecuteOutcomeAsync(static (context, state) => PipelineAttempt(state.Next, state.request, context), context, (Next, request))
                .ConfigureAwait(context.ContinueOnCapturedContext);
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
