using System.Reflection;
using Xunit.Sdk;

namespace ChatGpt.RateLimiting.Redis.Tests.Infrastructure;

/// <summary>Runs a theory against the embedded Garnet server.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OnGarnetAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[RedisServerKind.Garnet]];
}

/// <summary>Runs a theory against the Debian <c>redis-server</c>, or skips it with the reason when it is not on PATH.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OnRedisServerAttribute : DataAttribute
{
    public const string NotOnPathReason = "redis-server is not on PATH (install it with `apt-get install -y redis-server`; .ci/run does): only the Garnet variant ran.";

    public OnRedisServerAttribute()
    {
        if (RedisServerProcess.Executable is null)
        {
            Skip = NotOnPathReason;
        }
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[RedisServerKind.RedisServer]];
}
