namespace ChatGpt.Testing.Tests.Infrastructure;

/// <summary>An emulator and a plain <see cref="HttpClient"/> talking to it, in memory or over a loopback socket.</summary>
public sealed class HostedEmulator : IAsyncDisposable
{
    private readonly ChatGptEmulatorServer? _server;

    private HostedEmulator(ChatGptEmulator emulator, HttpClient client, ChatGptEmulatorServer? server)
    {
        Emulator = emulator;
        Client = client;
        _server = server;
    }

    public ChatGptEmulator Emulator { get; }

    public HttpClient Client { get; }

    public static async Task<HostedEmulator> StartAsync(EmulatorHosting hosting, ChatGptEmulator? emulator = null)
    {
        emulator ??= new ChatGptEmulator();
        if (hosting == EmulatorHosting.InMemory)
        {
            return new HostedEmulator(emulator, emulator.CreateHttpClient(), null);
        }

        var server = await ChatGptEmulatorServer.StartNewAsync(emulator);
        var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        return new HostedEmulator(emulator, client, server);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
