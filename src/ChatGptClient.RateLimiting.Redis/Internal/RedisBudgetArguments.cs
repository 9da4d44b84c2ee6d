using System.Globalization;
using ChatGpt.Resilience;
using StackExchange.Redis;

namespace ChatGpt.RateLimiting.Redis.Internal;

/// <summary>The keys and arguments of the budget scripts (<see cref="RedisBudgetScripts"/>), in the order they read them.</summary>
internal static class RedisBudgetArguments
{
    /// <summary>The key of a budget: <c>{prefix}{{account digest}}</c> for the account-wide budget and
    /// <c>{prefix}{{account digest}}:{model group}</c> for a model's. The braces are a Redis Cluster hash tag, so that an
    /// account's budgets share a slot and one script may touch two of them.</summary>
    public static RedisKey Key(string prefix, ChatGptRateBudgetKey key) =>
        key.IsAccountWide ? $"{prefix}{{{key.AccountId}}}" : $"{prefix}{{{key.AccountId}}}:{key.ModelGroup}";

    public static RedisKey[] AcquireKeys(string prefix, ChatGptRateBudgetKey key, ChatGptRateBudgetPolicy policy) =>
        policy.HasAccountLimits && !key.IsAccountWide
            ? [Key(prefix, key), ReplicasKey(prefix, key), Key(prefix, key.AccountWide)]
            : [Key(prefix, key), ReplicasKey(prefix, key)];

    /// <summary>The account's set of replicas: <c>{prefix}{{account digest}}::replicas</c>, in the account's slot (a model
    /// group's key has one colon, so no model name can make the same key).</summary>
    public static RedisKey ReplicasKey(string prefix, ChatGptRateBudgetKey key) => $"{prefix}{{{key.AccountId}}}::replicas";

    public static RedisKey[] ReportKeys(string prefix, ChatGptRateBudgetKey key, ChatGptRateBudgetPolicy policy, in ChatGptRateBudgetFeedback feedback) =>
        policy.HasAccountLimits && !key.IsAccountWide && (feedback.RequestCorrection != 0 || feedback.TokenCorrection != 0)
            ? [Key(prefix, key), Key(prefix, key.AccountWide)]
            : [Key(prefix, key)];

    /// <summary>ARGV of <see cref="RedisBudgetScripts.Acquire"/>; <paramref name="now"/> is the instant in seconds, or
    /// <see langword="null"/> for the server's clock.</summary>
    public static RedisValue[] Acquire(double? now, long tokens, ChatGptRateBudgetPolicy policy, TimeSpan expiry, TimeSpan probePoll, string replicaId) =>
    [
        Number(now ?? -1), Math.Max(0, tokens),
        Number(policy.RequestsPerMinute), Number(policy.TokensPerMinute),
        Number(policy.AccountRequestsPerMinute), Number(policy.AccountTokensPerMinute),
        policy.Learn ? "1" : "0", Number(policy.LearnedLifetime.TotalSeconds), Number(policy.ProbeTimeout.TotalSeconds),
        Number(policy.BurstGrowthPerSecond), (long)Expiry(policy, expiry).TotalMilliseconds, Number(probePoll.TotalSeconds),
        replicaId, Number(RedisRateLimitingDefaults.ReplicaPresence.TotalSeconds),
    ];

    /// <summary>ARGV of <see cref="RedisBudgetScripts.Report"/>; <paramref name="now"/> is the instant in seconds, or
    /// <see langword="null"/> for the server's clock.</summary>
    public static RedisValue[] Report(double? now, ChatGptRateBudgetPolicy policy, in ChatGptRateBudgetFeedback feedback, TimeSpan expiry) =>
    [
        Number(now ?? -1),
        Number(policy.RequestsPerMinute), Number(policy.TokensPerMinute),
        Number(policy.AccountRequestsPerMinute), Number(policy.AccountTokensPerMinute),
        policy.Learn ? "1" : "0", Number(policy.LearnedLifetime.TotalSeconds), Number(policy.BurstGrowthPerSecond),
        (long)Expiry(policy, expiry).TotalMilliseconds,
        feedback.ProbeEnded ? "1" : "0",
        Number(feedback.RequestLimit), Number(feedback.RequestWindow.TotalSeconds), Number(feedback.RemainingRequests),
        Number(feedback.TokenLimit), Number(feedback.TokenWindow.TotalSeconds), Number(feedback.RemainingTokens),
        feedback.HasLimits ? "1" : "0", feedback.NoLimitsReported ? "1" : "0", feedback.Throttled ? "1" : "0",
        Number(feedback.Pause.TotalSeconds), feedback.RequestCorrection, feedback.TokenCorrection,
    ];

    /// <summary>A key outlives what it holds: the learned limits, a probe and a pause.</summary>
    public static TimeSpan Expiry(ChatGptRateBudgetPolicy policy, TimeSpan configured)
    {
        var floor = (policy.LearnedLifetime * 2) > (policy.ProbeTimeout + TimeSpan.FromMinutes(1))
            ? policy.LearnedLifetime * 2
            : policy.ProbeTimeout + TimeSpan.FromMinutes(1);
        return configured > floor ? configured : floor;
    }

    private static RedisValue Number(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : RedisValue.EmptyString;
}
