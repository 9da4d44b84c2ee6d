using ChatGpt.RateLimiting.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace ChatGpt.RateLimiting.Redis.Tests;

public class ServerSmokeTests
{
    [Theory]
    [OnGarnet]
    [OnRedisServer]
    public async Task Server_EvalWithTime_Answers(RedisServerKind kind)
    {
        await using var server = await TestRedisServer.StartAsync(kind);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        var db = connection.GetDatabase();

        var result = (RedisResult[])(await db.ScriptEvaluateAsync("local t = redis.call('TIME') redis.call('HSET', KEYS[1], 'a', ARGV[1]) redis.call('PEXPIRE', KEYS[1], 1000) return {t[1], redis.call('HGET', KEYS[1], 'a'), redis.call('PTTL', KEYS[1])}", ["k"], ["1.5"]))!;

        Assert.True((long)result[0] > 1_700_000_000);
        Assert.Equal("1.5", (string?)result[1]);
        Assert.InRange((long)result[2], 1, 1000);

        await server.KillAsync();
        await server.RestartAsync();
        await using var again = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        Assert.False(await again.GetDatabase().KeyExistsAsync("k"));
    }
}
