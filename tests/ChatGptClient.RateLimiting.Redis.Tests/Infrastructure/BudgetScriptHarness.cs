using System.Globalization;
using ChatGpt.RateLimiting.Redis.Internal;
using StackExchange.Redis;

namespace ChatGpt.RateLimiting.Redis.Tests.Infrastructure;

/// <summary>Runs the budget scripts with explicit arguments and a test clock (<see cref="Now"/>, seconds), against a real
/// server.</summary>
internal sealed class BudgetScriptHarness(IDatabase database)
{
    public string Key { get; } = "test:" + Guid.NewGuid().ToString("N");

    public string AccountKey => Key + ":account";

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

    public async Task<RedisBudgetReply> AcquireAsync(long tokens = 0, string? key = null, bool accountWide = false)
    {
        var result = await database.ScriptEvaluateAsync(
            RedisBudgetScripts.Acquire,
            accountWide ? [key ?? Key, AccountKey] : [key ?? Key],
            [N(Now), tokens, N(RequestsPerMinute), N(TokensPerMinute), N(AccountRequestsPerMinute), N(AccountTokensPerMinute),
             Learn ? "1" : "0", N(LifetimeSeconds), N(ProbeTimeoutSeconds), N(Growth), TtlMilliseconds, N(ProbePollSeconds)]);
        return RedisBudgetReply.Parse(result);
    }

    public async Task<RedisBudgetReply> ReportAsync(
        long? requestLimit = null,
        long? remainingRequests = null,
        long? tokenLimit = null,
        long? remainingTokens = null,
        double requestWindow = 60,
        double tokenWindow = 60,
        bool probeEnded = false,
        bool noLimits = false,
        bool throttled = false,
        double pause = 0,
        int requestCorrection = 0,
        long tokenCorrection = 0,
        string? key = null,
        bool accountWide = false)
    {
        var hasLimits = requestLimit.HasValue || remainingRequests.HasValue || tokenLimit.HasValue || remainingTokens.HasValue;
        var result = await database.ScriptEvaluateAsync(
            RedisBudgetScripts.Report,
            accountWide ? [key ?? Key, AccountKey] : [key ?? Key],
            [N(Now), N(RequestsPerMinute), N(TokensPerMinute), N(AccountRequestsPerMinute), N(AccountTokensPerMinute),
             Learn ? "1" : "0", N(LifetimeSeconds), N(Growth), TtlMilliseconds, probeEnded ? "1" : "0",
             N(requestLimit), N(requestWindow), N(remainingRequests), N(tokenLimit), N(tokenWindow), N(remainingTokens),
             hasLimits ? "1" : "0", noLimits ? "1" : "0", throttled ? "1" : "0", N(pause), requestCorrection, tokenCorrection]);
        return RedisBudgetReply.Parse(result);
    }

    private static RedisValue N(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
}
