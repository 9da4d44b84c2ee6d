using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ChatGpt.Tests.TestSupport;

/// <summary>
/// A hostile HTTP/1.1 server on 127.0.0.1 that writes exactly the bytes a test scripts: wrong lengths, cut connections,
/// redirects, HTML pages, headers no real server sends. Each connection serves one request.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<string, Stream, CancellationToken, Task> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly List<Task> _serving = [];
    private int _requests;
    private int _disposed;

    /// <param name="respond">Writes the answer to the request whose head (request line and headers) it is given.</param>
    public LoopbackHttpServer(Func<string, Stream, CancellationToken, Task> respond)
    {
        _respond = respond;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/v1/");

    public string Origin => $"http://127.0.0.1:{Port}";

    /// <summary>The requests received so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>A server that answers every request with <paramref name="response"/> (head and body as written).</summary>
    public static LoopbackHttpServer Answering(string response) =>
        new(async (_, stream, token) => await stream.WriteAsync(Encoding.UTF8.GetBytes(response), token));

    /// <summary>A complete response with a correct Content-Length.</summary>
    public static string Response(string status, string contentType, string body, params string[] headers) =>
        $"HTTP/1.1 {status}\r\nContent-Type: {contentType}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n{string.Concat(headers.Select(h => h + "\r\n"))}Connection: close\r\n\r\n{body}";

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        Task[] serving;
        lock (_serving)
        {
            serving = [.. _serving];
        }

        // Connections end when the client goes away or the token is cancelled.
        await Task.WhenAll(serving);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            lock (_serving)
            {
                _serving.Add(ServeAsync(client));
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream, _stop.Token);
                Interlocked.Increment(ref _requests);
                await _respond(head, stream, _stop.Token);
                await stream.FlushAsync(_stop.Token);
                client.Client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away (or the test is over).
            }
        }
    }

    private static async Task<string> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        var buffer = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer, cancellationToken) == 0)
            {
                break;
            }

            head.Append((char)buffer[0]);
        }

        var text = head.ToString();
        var length = text.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) is { } line
            ? int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)
            : 0;
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return text;
    }
}
