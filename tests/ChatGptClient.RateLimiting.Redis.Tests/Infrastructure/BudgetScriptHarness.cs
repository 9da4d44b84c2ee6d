using ChatGpt.RateLimiting.Redis.Internal;
using ChatGpt.Resilience;
using StackExchange.Redis;

namespace ChatGpt.RateLimiting.Redis.Tests.Infrastructure;

/// <summary>Runs the budget scripts with explicit arguments and a test clock (<see cref="Now"/>, seconds), against a real
/// server.</summary>
internal sealed class BudgetScriptHarness(IDatabase database)
{
    public string Key { get; } = "test:" + Guid.NewGuid().ToString("N");

    public string AccountKey => Key + ":account";

    public string ReplicasKey => Key + "::replicas";

    /// <summary>The id this harness acquires as (the account's replica set counts ids).</summary>
    public string ReplicaId { get; set; } = "replica-a";

    public double Now { get; set; } = 1_000;

    public int? RequestsPerMinute { get; set; }

    public int? TokensPerMinute { get; set; }

    public int? AccountRequestsPerMinute { get; set; }

    public int? AccountTokensPerMinute { get; set; }

    public bool Learn { get; set; } = true;

    public double LifetimeSeconds { get; set; } = 60;

    public double ProbeTimeoutSeconds { get; set; } = 30;

    public double Growth { get; set; } = 1.25;

    public long TtlMilliseconds { get; set; } = 600_000;

    public double ProbePollSeconds { get; set; } = 0.05;

    public ChatGptRateBudgetPolicy Policy => new()
    {
        RequestsPerMinute = RequestsPerMinute,
        TokensPerMinute = TokensPerMinute,
        AccountRequestsPerMinute = AccountRequestsPerMinute,
        AccountTokensPerMinute = AccountTokensPerMinute,
        Learn = Learn,
        LearnedLifetime = TimeSpan.FromSeconds(LifetimeSeconds),
        ProbeTimeout = TimeSpan.FromSeconds(ProbeTimeoutSeconds),
        BurstGrowthPerSecond = Growth,
    };

    public async Task<RedisBudgetReply> AcquireAsync(long tokens = 0, string? key = null, bool accountWide = false)
    {
        var policy = Policy;
        var result = await RedisBudgetScripts.Acquire.EvaluateAsync(
            database,
            accountWide ? [key ?? Key, ReplicasKey, AccountKey] : [key ?? Key, ReplicasKey],
            RedisBudgetArguments.Acquire(Now < 0 ? null : Now, tokens, policy, TimeSpan.FromMilliseconds(TtlMilliseconds), TimeSpan.FromSeconds(ProbePollSeconds), ReplicaId));
        return RedisBudgetReply.Parse(result);
    }

    public async Task<RedisBudgetReply> ReportAsync(
        long? requestLimit = null,
        long? remainingRequests = null,
        long? tokenLimit = null,
        long? remainingTokens = null,
        bool probeEnded = false,
        bool noLimits = false,
        bool throttled = false,
        double pause = 0,
        int requestCorrection = 0,
        long tokenCorrection = 0)
    {
        var feedback = new ChatGptRateBudgetFeedback
        {
            RequestLimit = requestLimit,
            RequestWindow = TimeSpan.FromMinutes(1),
            RemainingRequests = remainingRequests,
            TokenLimit = tokenLimit,
            TokenWindow = TimeSpan.FromMinutes(1),
            RemainingTokens = remainingTokens,
            ProbeEnded = probeEnded,
            NoLimitsReported = noLimits,
            Throttled = throttled,
            Pause = TimeSpan.FromSeconds(pause),
            RequestCorrection = requestCorrection,
            TokenCorrection = tokenCorrection,
        };
        var result = await RedisBudgetScripts.Report.EvaluateAsync(
            database,
            [Key],
            RedisBudgetArguments.Report(Now < 0 ? null : Now, Policy, feedback, TimeSpan.FromMilliseconds(TtlMilliseconds)));
        return RedisBudgetReply.Parse(result);
    }
}
