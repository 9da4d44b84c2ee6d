using StackExchange.Redis;

namespace ChatGpt.RateLimiting.Redis.Internal;

/// <summary>The store's connection: its own, made from the configured connection string (connecting in the background
/// from the start, reconnecting by itself), or the application's <see cref="IConnectionMultiplexer"/>, which it does not
/// dispose.</summary>
internal sealed class RedisConnection : IAsyncDisposable
{
    private readonly Task<IConnectionMultiplexer> _connection;
    private readonly bool _owned;

    public RedisConnection(IConnectionMultiplexer connection)
    {
        _connection = Task.FromResult(connection);
    }

    public RedisConnection(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);

        // Never fail because Redis is down at start-up: the store falls back to the local limiter and the multiplexer
        // keeps reconnecting in the background.
        options.AbortOnConnectFail = false;
        options.ClientName ??= "chatgpt-rate-budget";
        _connection = Connect(options);
        _owned = true;
    }

    /// <summary>The connection, once the first attempt to connect is over (connected or not).</summary>
    public Task<IConnectionMultiplexer> GetAsync() => _connection;

    public async ValueTask DisposeAsync()
    {
        if (_owned && _connection.IsCompletedSuccessfully)
        {
            await _connection.Result.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<IConnectionMultiplexer> Connect(ConfigurationOptions options) =>
        await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
}
