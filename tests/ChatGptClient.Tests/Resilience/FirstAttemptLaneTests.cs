using System.Net;
using ChatGpt.Resilience;
using ChatGpt.Resilience.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.Timeout;

namespace ChatGpt.Tests.Resilience;

/// <summary>The first attempt of a call without Polly's machinery: its turn in the budget, the attempt timeout on the
/// injected clock, the budget's feedback, and an outcome the pipeline can replay.</summary>
public sealed class FirstAttemptLaneTests
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task RunAsync_Success_TakesOneTurnAndTeachesTheBudgetItsHeaders()
    {
        var (lane, limiter) = CreateSut();
        using var invoker = new HttpMessageInvoker(new AnsweringHandler(_ => Limited(HttpStatusCode.OK)));

        var outcome = await RunAsync(lane, invoker, CancellationToken.None);

        Assert.False(FirstAttemptLane.NeedsPipeline(outcome));
        var queue = limiter.QueueFor(null);
        Assert.Equal(1, queue.SuccessfulLeases);
        var budget = queue.Current();
        Assert.Equal(ChatGptRateBudgetPhase.Limited, budget.Phase);
        Assert.Equal(600, budget.RequestLimit);
    }

    [Fact]
    public async Task RunAsync_ServerError_HandedToThePipelineWithTheCostForItsRetries()
    {
        var (lane, _) = CreateSut();
        using var invoker = new HttpMessageInvoker(new AnsweringHandler(_ => Limited(HttpStatusCode.InternalServerError)));
        var context = ResilienceContextPool.Shared.Get(CancellationToken.None);

        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/v1/chat/completions");
        var outcome = await lane.RunAsync(invoker, request, context);

        Assert.True(FirstAttemptLane.NeedsPipeline(outcome));
        Assert.Equal(HttpStatusCode.InternalServerError, outcome.Result!.StatusCode);
        Assert.True(context.Properties.TryGetValue(ResilienceKeys.TokenCost, out _));
        ResilienceContextPool.Shared.Return(context);
    }

    [Fact]
    public async Task RunAsync_AttemptOutlastsTheTimeout_TimeoutRejectedAfterExactlyTheTimeoutOnTheInjectedClock()
    {
        var (lane, _) = CreateSut();
        CancellationToken seen = default;
        using var invoker = new HttpMessageInvoker(new AnsweringHandler(async token =>
        {
            seen = token;
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }));

        var running = RunAsync(lane, invoker, CancellationToken.None);
        _time.Advance(AttemptTimeout - TimeSpan.FromMilliseconds(1));
        Assert.False(running.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var outcome = await running;

        var timeout = Assert.IsType<TimeoutRejectedException>(outcome.Exception);
        Assert.Equal(AttemptTimeout, timeout.Timeout);
        Assert.True(seen.IsCancellationRequested);
    }

    [Fact]
    public async Task RunAsync_CallCancelled_CancellationNotATimeout()
    {
        var (lane, _) = CreateSut();
        using var cancellation = new CancellationTokenSource();
        using var invoker = new HttpMessageInvoker(new AnsweringHandler(async token =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }));

        var running = RunAsync(lane, invoker, cancellation.Token);
        await cancellation.CancelAsync();
        var outcome = await running;

        Assert.IsAssignableFrom<OperationCanceledException>(outcome.Exception);
        Assert.IsNotType<TimeoutRejectedException>(outcome.Exception);
    }

    private async Task<Outcome<HttpResponseMessage>> RunAsync(FirstAttemptLane lane, HttpMessageInvoker invoker, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/v1/chat/completions");
            return await lane.RunAsync(invoker, request, context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private (FirstAttemptLane Lane, RateLimitStrategy Limiter) CreateSut()
    {
        var settings = new ResiliencePipelineSettings
        {
            Options = new ChatGptResilienceOptions { AttemptTimeout = AttemptTimeout },
            TotalTimeout = TimeSpan.FromMinutes(10),
            TimeProvider = _time,
            Logger = NullLogger.Instance,
            BudgetStore = new ChatGptInProcessRateBudgetStore(_time),
            Account = ChatGptRateLimitKey.From(new ChatGptOptions { ApiKey = "sk-lane-" + Guid.NewGuid().ToString("N") }),
        };
        var limiter = ResiliencePipelineFactory.CreateLimiter(settings)!;
        return (new FirstAttemptLane(settings, limiter), limiter);
    }

    private static HttpResponseMessage Limited(HttpStatusCode status)
    {
        var response = new HttpResponseMessage(status);
        response.Headers.TryAddWithoutValidation("x-ratelimit-limit-requests", "600");
        response.Headers.TryAddWithoutValidation("x-ratelimit-remaining-requests", "599");
        response.Headers.TryAddWithoutValidation("x-ratelimit-reset-requests", "100ms");
        return response;
    }

    private sealed class AnsweringHandler(Func<CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        public AnsweringHandler(Func<CancellationToken, HttpResponseMessage> answer)
            : this(token => Task.FromResult(answer(token)))
        {
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => answer(cancellationToken);
    }
}
