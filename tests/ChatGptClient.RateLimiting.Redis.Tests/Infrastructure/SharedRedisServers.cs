using StackExchange.Redis;

namespace ChatGpt.RateLimiting.Redis.Tests.Infrastructure;

/// <summary>One server of each kind for a whole test class (started on first use); tests keep apart by using their own
/// keys. Tests that kill a server start their own with <see cref="TestRedisServer.StartAsync"/>.</summary>
public sealed class SharedRedisServers : IAsyncLifetime
{
    private readonly Dictionary<RedisServerKind, (TestRedisServer Server, ConnectionMultiplexer Connection)> _servers = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<(TestRedisServer Server, ConnectionMultiplexer Connection)> GetAsync(RedisServerKind kind)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_servers.TryGetValue(kind, out var entry))
            {
                var server = await TestRedisServer.StartAsync(kind);
                entry = (server, await ConnectionMultiplexer.ConnectAsync(server.ConnectionString));
                _servers[kind] = entry;
            }

            return entry;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var (server, connection) in _servers.Values)
        {
            await connection.DisposeAsync();
            await server.DisposeAsync();
        }

        _gate.Dispose();
    }
}
