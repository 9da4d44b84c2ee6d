using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using ChatGpt.Benchmarks.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatGpt.Benchmarks.Throughput;

/// <summary>
/// A minimal Kestrel server on 127.0.0.1 (a free port) serving the canned bodies: <c>/v1/chat/completions</c> answers
/// with the short completion, or with the 500-chunk stream when the request asks for <c>"stream":true</c>;
/// <c>/v1/completions</c> with the legacy completion. It reads every request body to the end, like a real server.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The server's <c>/v1/</c> address, e.g. <c>http://127.0.0.1:41234/v1/</c>.</summary>
    public Uri BaseAddress { get; }

    public static async Task<LoopbackServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/v1/chat/completions", static async context =>
        {
            var stream = await RequestAsksForStreamAsync(context.Request.BodyReader, context.RequestAborted).ConfigureAwait(false);
            await WriteAsync(context, stream ? CannedResponse.ChatStream : CannedResponse.ChatShort).ConfigureAwait(false);
        });
        app.MapPost("/v1/completions", static async context =>
        {
            await RequestAsksForStreamAsync(context.Request.BodyReader, context.RequestAborted).ConfigureAwait(false);
            await WriteAsync(context, CannedResponse.Completion).ConfigureAwait(false);
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.First()
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        return new LoopbackServer(app, new Uri(new Uri(address), "/v1/"));
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task<bool> RequestAsksForStreamAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCompleted)
            {
                var found = Contains(result.Buffer, "\"stream\":true"u8);
                reader.AdvanceTo(result.Buffer.End);
                return found;
            }

            // Keep everything buffered until the body is complete: request bodies are under 1 KB.
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    private static bool Contains(ReadOnlySequence<byte> buffer, ReadOnlySpan<byte> value) =>
        buffer.IsSingleSegment ? buffer.FirstSpan.IndexOf(value) >= 0 : buffer.ToArray().AsSpan().IndexOf(value) >= 0;

    private static async Task WriteAsync(HttpContext context, CannedResponse canned)
    {
        var response = context.Response;
        response.ContentType = canned.ContentType;
        response.Headers["x-request-id"] = "req_7f3c2a9be1d04c6f8e5a1b2c3d4e5f60";
        response.Headers["openai-processing-ms"] = "412";
        response.Headers["x-ratelimit-limit-requests"] = "1000000000";
        response.Headers["x-ratelimit-remaining-requests"] = "999999999";
        response.Headers["x-ratelimit-limit-tokens"] = "100000000000";
        response.Headers["x-ratelimit-remaining-tokens"] = "99999999412";
        if (canned.ContentType == CannedResponse.Json)
        {
            response.ContentLength = canned.Body.Length;
        }

        // Streams go out chunked, without a Content-Length, as OpenAI sends them.
        await response.Body.WriteAsync(canned.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
