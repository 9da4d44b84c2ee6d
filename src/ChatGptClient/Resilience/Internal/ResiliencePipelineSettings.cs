using Microsoft.Extensions.Logging;

namespace ChatGpt.Resilience.Internal;

/// <summary>Everything one resilience pipeline is built from, resolved once per typed client.</summary>
internal sealed class ResiliencePipelineSettings
{
    public required ChatGptResilienceOptions Options { get; init; }

    /// <summary><see cref="ChatGptOptions.Timeout"/>: the whole call, retries and waits included.</summary>
    public required TimeSpan TotalTimeout { get; init; }

    public required TimeProvider TimeProvider { get; init; }

    public required ILogger Logger { get; init; }

    /// <summary>Where the account's rate budgets live, or <see langword="null"/> when calls are not limited on the client.</summary>
    public IChatGptRateBudgetStore? BudgetStore { get; init; }

    /// <summary>The account the budgets belong to.</summary>
    public ChatGptRateLimitKey Account { get; init; }

    /// <summary>The client's base address (an Azure deployment URL makes the deployment the budget).</summary>
    public Uri? BaseAddress { get; init; }

    /// <summary>The instruments the limiter records its waits and refusals on, if any.</summary>
    public Diagnostics.Internal.ChatGptMetrics? Metrics { get; init; }

    /// <summary>Returns a number in [0, 1) for jitter; replaced by tests to pin the bounds.</summary>
    public Func<double> Random { get; init; } = static () => System.Random.Shared.NextDouble();

    /// <summary>Estimates a request's token cost given the tokens available (0 when unknown: count exactly); without it
    /// a call costs 0 tokens until its usage is known.</summary>
    public Func<HttpRequestMessage, double, int>? CostEstimator { get; init; }
}
