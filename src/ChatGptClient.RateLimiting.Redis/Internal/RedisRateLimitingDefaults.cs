namespace ChatGpt.RateLimiting.Redis.Internal;

/// <summary>The defaults of <see cref="ChatGptRedisRateLimitingOptions"/>, in one place so a test can pin them.</summary>
internal static class RedisRateLimitingDefaults
{
    public const string KeyPrefix = "chatgpt:budget:";

    /// <summary>A local Redis answers in well under a millisecond and a managed one in a few: 50 ms is a sick server, and
    /// more than that added to every call would cost more than the 429s the shared budget saves.</summary>
    public static readonly TimeSpan OperationTimeout = TimeSpan.FromMilliseconds(50);

    /// <summary>Short enough to rejoin soon after a restart, long enough that a dead server costs one failed try a second.</summary>
    /// <summary>Slow answers in a row that make the store leave Redis for <see cref="RetryInterval"/>.</summary>
    public const int SlowAnswersBeforeFallback = 3;

    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan KeyExpiry = TimeSpan.FromMinutes(10);

    /// <summary>A probe's answer takes a round trip to the API; asking again every 50 ms adds at most that to the wait.</summary>
    public static readonly TimeSpan ProbePollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>A replica counts as sharing an account for this long after its last acquisition.</summary>
    public static readonly TimeSpan ReplicaPresence = TimeSpan.FromSeconds(10);

    /// <summary>The most replicas a share is divided by (beyond it the count is not plausible).</summary>
    public const int MaxReplicas = 10_000;

    /// <summary>The most budgets whose last shared state is kept for seeding the local fallback.</summary>
    public const int MaxRememberedBudgets = 4096;
}
