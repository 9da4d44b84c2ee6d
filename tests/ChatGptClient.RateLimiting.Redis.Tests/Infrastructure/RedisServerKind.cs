namespace ChatGpt.RateLimiting.Redis.Tests.Infrastructure;

/// <summary>The Redis-protocol servers the tests run against.</summary>
public enum RedisServerKind
{
    /// <summary>Microsoft Garnet, embedded in the test process (always available).</summary>
    Garnet,

    /// <summary>The Debian <c>redis-server</c>, started as a child process when it is on PATH.</summary>
    RedisServer,
}
