using System.Globalization;
using Garnet;

namespace ChatGpt.RateLimiting.Redis.Tests.Infrastructure;

/// <summary>An embedded Garnet server with Lua scripting on, small memory, no persistence.</summary>
internal sealed class GarnetTestServer : TestRedisServer
{
    private GarnetServer? _server;

    public GarnetTestServer(int port)
        : base(port)
    {
    }

    public override bool IsRunning => _server is not null;

    public override Task KillAsync()
    {
        _server?.Dispose();
        _server = null;
        return Task.CompletedTask;
    }

    public override ValueTask DisposeAsync()
    {
        _server?.Dispose();
        _server = null;
        return ValueTask.CompletedTask;
    }

    protected override async Task StartCoreAsync()
    {
        string[] args =
        [
            "--bind", "127.0.0.1",
            "--port", Port.ToString(CultureInfo.InvariantCulture),
            "--lua",
            "--memory", "64m",
            "--index", "1m",
            "--logger-level", "None",
        ];
        var server = new GarnetServer(args);
        server.Start();
        _server = server;
        await WaitUntilListeningAsync();
    }
}
