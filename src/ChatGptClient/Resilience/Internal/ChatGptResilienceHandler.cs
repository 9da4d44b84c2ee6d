using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace ChatGpt.Resilience.Internal;

/// <summary>
/// Runs each request through its client's pipeline (<see cref="ResiliencePipelineSource"/>), or straight on when
/// resilience is off. A <see cref="ResilienceHandler"/> so that <c>RemoveAllResilienceHandlers()</c> removes it as it
/// removes the handlers of <c>Microsoft.Extensions.Http.Resilience</c>; its own path skips what that handler does per
/// call for features this pipeline does not use (the request's context in <see cref="HttpRequestMessage.Options"/>,
/// request metadata, a pipeline selector).
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
        var pipeline = _pipelines.Current;
        return pipeline is null ? Next.SendAsync(request, cancellationToken) : SendThroughAsync(pipeline, request, cancellationToken);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pipeline = _pipelines.Current;
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
    private static ValueTask<Outcome<HttpResponseMessage>> Attempt(HttpMessageInvoker next, HttpRequestMessage request, ResilienceContext context)
    {
        Task<HttpResponseMessage> sending;
        try
        {
            sending = next.SendAsync(request, context.CancellationToken);
        }
        catch (Exception ex)
        {
            return new(Outcome.FromException<HttpResponseMessage>(ex));
        }

        return sending.IsCompletedSuccessfully ? new(Outcome.FromResult(sending.Result)) : AwaitAttemptAsync(sending, context);
    }

    private static async ValueTask<Outcome<HttpResponseMessage>> AwaitAttemptAsync(Task<HttpResponseMessage> sending, ResilienceContext context)
    {
        try
        {
            return Outcome.FromResult(await sending.ConfigureAwait(context.ContinueOnCapturedContext));
        }
        catch (Exception ex)
        {
            return Outcome.FromException<HttpResponseMessage>(ex);
        }
    }

    private async Task<HttpResponseMessage> SendThroughAsync(ResiliencePipeline<HttpResponseMessage> pipeline, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.SetRequestMessage(request);
        try
        {
            var outcome = await pipeline.ExecuteOutcomeAsync(static (context, state) => Attempt(state.Next, state.request, context), context, (Next, request))
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
