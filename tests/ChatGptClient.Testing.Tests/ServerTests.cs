using System.Net;
using ChatGpt.Testing.Tests.Infrastructure;

namespace ChatGpt.Testing.Tests;

/// <summary>The Kestrel host: loopback only, free port, start/stop.</summary>
public class ServerTests
{
    [Fact]
    public async Task StartNewAsync_ListensOnLoopbackFreePortUnderV1()
    {
        await using var first = await ChatGptEmulatorServer.StartNewAsync();
        await using var second = await ChatGptEmulatorServer.StartNewAsync();

        Assert.Equal("127.0.0.1", first.BaseAddress.Host);
        Assert.Equal("/v1/", first.BaseAddress.AbsolutePath);
        Assert.NotEqual(first.BaseAddress.Port, second.BaseAddress.Port);
        Assert.Contains(first.BaseAddress.ToString(), first.ToString());
    }

    [Fact]
    public async Task BaseAddress_BeforeStart_Throws()
    {
        await using var server = new ChatGptEmulatorServer();

        Assert.Throws<InvalidOperationException>(() => server.BaseAddress);
    }

    [Fact]
    public async Task StartAsync_Twice_Throws()
    {
        await using var server = await ChatGptEmulatorServer.StartNewAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => server.StartAsync());
    }

    [Fact]
    public async Task DisposeAsync_StopsListening()
    {
        var server = await ChatGptEmulatorServer.StartNewAsync();
        var address = server.BaseAddress;
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var before = await client.GetAsync(new Uri(address, "models"));

        await server.DisposeAsync();

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(address, "models")));
    }

    [Fact]
    public async Task SameEmulator_ServesBothHostingsAndRecordsBoth()
    {
        var emulator = new ChatGptEmulator();
        await using var server = await ChatGptEmulatorServer.StartNewAsync(emulator);
        using var network = new HttpClient { BaseAddress = server.BaseAddress };
        using var memory = emulator.CreateHttpClient();

        using var a = await network.GetAsync("models");
        using var b = await memory.GetAsync("models");

        Assert.Equal(2, emulator.Requests.Count);
        Assert.Same(emulator, server.Emulator);
    }
}
