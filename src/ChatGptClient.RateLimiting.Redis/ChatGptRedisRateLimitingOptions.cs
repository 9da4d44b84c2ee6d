using ChatGpt.RateLimiting.Redis.Internal;

namespace ChatGpt.RateLimiting.Redis;

/// <summary>
/// Options of the Redis-shared rate budget store (<c>AddRedisRateLimiting()</c> on the builder <c>AddChatGpt()</c>
/// returns): where Redis is, how the keys are named, and how little a slow or absent Redis may cost a call.
/// </summary>
public sealed class ChatGptRedisRateLimitingOptions
{
    /// <summary>The StackExchange.Redis configuration string (e.g. <c>redis:6379,password=…,ssl=true</c>). When
    /// <see langword="null"/>, the <c>IConnectionMultiplexer</c> registered in the container is used. It is never logged.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The prefix of every key the store writes. Keys are <c>{prefix}{{account digest}}:{model group}</c>: the
    /// account digest is a SHA-256 of the base address, the API key's fingerprint, organization and project, so no key
    /// (nor the API key) can be read from Redis.</summary>
    /// <value>Defaults to <c>chatgpt:budget:</c>.</value>
    public string KeyPrefix { get; set; } = RedisRateLimitingDefaults.KeyPrefix;

    /// <summary>The longest a call waits for one Redis round trip (or for the first connection). Past it the call goes on
    /// with this process's local limiter, seeded with the last shared state. After three slow answers in a row (or a
    /// failed connection) the whole process does, and Redis is tried again after <see cref="RetryInterval"/>.</summary>
    /// <value>Defaults to 50 milliseconds.</value>
    public TimeSpan OperationTimeout { get; set; } = RedisRateLimitingDefaults.OperationTimeout;

    /// <summary>How long the store stays on the local limiter after Redis failed or was slow, before it tries Redis again.</summary>
    /// <value>Defaults to 1 second.</value>
    public TimeSpan RetryInterval { get; set; } = RedisRateLimitingDefaults.RetryInterval;

    /// <summary>How long a budget's key lives in Redis after its last use; it is then relearned with a new cold-start
    /// probe. Never shorter than twice the learned lifetime of the budget's policy.</summary>
    /// <value>Defaults to 10 minutes.</value>
    public TimeSpan KeyExpiry { get; set; } = RedisRateLimitingDefaults.KeyExpiry;

    /// <summary>While another replica probes a cold budget, how soon this one asks Redis again for what it learned.</summary>
    /// <value>Defaults to 50 milliseconds.</value>
    public TimeSpan ProbePollInterval { get; set; } = RedisRateLimitingDefaults.ProbePollInterval;

    /// <summary>Whether the scripts use the Redis server's clock, which every replica shares (the default). Tests turn it
    /// off to drive the budgets with the container's <see cref="TimeProvider"/>.</summary>
    internal bool UseServerClock { get; set; } = true;
}
