using System.Net;
using System.Net.Sockets;

namespace ChatGpt.RateLimiting.Redis.Tests.Infrastructure;

/// <summary>A real Redis-protocol server on 127.0.0.1 and a free port, started for one test and stopped after it; it can
/// be killed and restarted on the same port mid-test (its data is lost, as with a server restarted without persistence).</summary>
public abstract class TestRedisServer : IAsyncDisposable
{
    protected TestRedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string: fail fast, reconnect in the background.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000";

    public abstract bool IsRunning { get; }

    public static async Task<TestRedisServer> StartAsync(RedisServerKind kind)
    {
        TestRedisServer server = kind switch
        {
            RedisServerKind.Garnet => new GarnetTestServer(FreePort()),
            _ => new RedisServerProcess(FreePort()),
        };
        await server.StartCoreAsync();
        return server;
    }

    /// <summary>Stops the server abruptly: connections drop, data is lost.</summary>
    public abstract Task KillAsync();

    /// <summary>Starts it again on the same port (empty).</summary>
    public Task RestartAsync() => StartCoreAsync();

    public abstract ValueTask DisposeAsync();

    protected abstract Task StartCoreAsync();

    /// <summary>Waits (briefly, on real time: it is a real server starting) until the port accepts connections.</summary>
    protected async Task WaitUntilListeningAsync(Func<string?>? failure = null)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (failure?.Invoke() is { } reason)
            {
                throw new InvalidOperationException(reason);
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(25);
            }
        }

        throw new InvalidOperationException($"The test Redis server did not listen on 127.0.0.1:{Port} within 5 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
