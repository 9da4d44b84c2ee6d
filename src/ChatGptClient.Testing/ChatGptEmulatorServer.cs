using System.Net;
using ChatGpt.Testing.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatGpt.Testing;

/// <summary>
/// Serves a <see cref="ChatGptEmulator"/> over HTTP with Kestrel on <c>127.0.0.1</c>, on a free port by default: for
/// tests of whole applications, of handlers and sockets, and for clients in other languages.
/// </summary>
/// <example>
/// <code>
/// await using var server = await ChatGptEmulatorServer.StartNewAsync();
/// // server.BaseAddress is e.g. http://127.0.0.1:54321/v1/
/// </code>
/// </example>
public sealed class ChatGptEmulatorServer : IAsyncDisposable
{
    private readonly int _port;
    private WebApplication? _app;
    private Uri? _baseAddress;

    /// <summary>Creates a server (not started) for <paramref name="emulator"/>, or for a new emulator with default settings.</summary>
    /// <param name="emulator">The emulator.</param>
    /// <param name="port">The port on 127.0.0.1; 0 (the default) picks a free one.</param>
    public ChatGptEmulatorServer(ChatGptEmulator? emulator = null, int port = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        Emulator = emulator ?? new ChatGptEmulator();
        _port = port;
    }

    /// <summary>The emulator that answers.</summary>
    public ChatGptEmulator Emulator { get; }

    /// <summary>The API's base address, e.g. <c>http://127.0.0.1:54321/v1/</c>.</summary>
    /// <exception cref="InvalidOperationException">The server is not started.</exception>
    public Uri BaseAddress => _baseAddress ?? throw new InvalidOperationException("The emulator server is not started: call StartAsync first.");

    /// <summary>Creates and starts a server.</summary>
    /// <param name="emulator">The emulator, or a new one with default settings.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The started server; dispose it to stop.</returns>
    public static async Task<ChatGptEmulatorServer> StartNewAsync(ChatGptEmulator? emulator = null, CancellationToken cancellationToken = default)
    {
        var server = new ChatGptEmulatorServer(emulator);
        try
        {
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts listening on 127.0.0.1.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the server listens.</returns>
    /// <exception cref="InvalidOperationException">The server was already started.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("The emulator server is already started.");
        }

        // An empty builder: no configuration files, no logging providers, no environment variables read.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;

            // Uploads stream through the endpoints (the API takes up to 512 MB per file): no 30 MB cap.
            options.Limits.MaxRequestBodySize = null;
            options.Listen(IPAddress.Loopback, _port);
        });
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        var app = builder.Build();
        app.Run(HandleAsync);
        _app = app;
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        _baseAddress = new Uri(new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)), "/v1/");
    }

    /// <summary>Stops listening; requests in flight are given until <paramref name="cancellationToken"/> fires.</summary>
    /// <param name="cancellationToken">Ends the graceful stop.</param>
    /// <returns>A task that completes when the server stopped.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_app is null)
        {
            return;
        }

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _app = null;
        _baseAddress = null;
    }

    /// <inheritdoc/>
    public override string ToString() => _baseAddress is null ? "ChatGptEmulatorServer (not started)" : $"ChatGptEmulatorServer {_baseAddress}";

    private async Task HandleAsync(HttpContext context)
    {
        var aborted = context.RequestAborted;
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var header in context.Request.Headers)
        {
            headers.Add(new(header.Key, header.Value.ToString()));
        }

        var incoming = new IncomingRequest(context.Request.Method, context.Request.PathBase + context.Request.Path, context.Request.QueryString.Value ?? string.Empty, headers, new KestrelRequestBody(context.Request));
        var plan = await Emulator.ProcessAsync(incoming, aborted).ConfigureAwait(false);

        var response = context.Response;
        response.StatusCode = plan.StatusCode;
        response.ContentType = plan.ContentType;
        foreach (var (name, value) in plan.Headers)
        {
            response.Headers[name] = value;
        }

        if (plan.ContentLength is long length)
        {
            response.ContentLength = length;
        }

        if (plan.IsEventStream)
        {
            // Send each event as it is written, not when a buffer fills.
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            response.Headers.CacheControl = "no-cache";
        }

        try
        {
            await plan.WriteBodyAsync(response.Body, Emulator.TimeProvider, aborted).ConfigureAwait(false);
        }
        catch (ConnectionCutException)
        {
            // Aborting discards output Kestrel has not sent yet; give the partial body a moment to reach the socket
            // (real time: this is the transport, not the emulated clock), then drop the connection.
            await Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None).ConfigureAwait(false);
            context.Abort();
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away.
        }
    }
}
