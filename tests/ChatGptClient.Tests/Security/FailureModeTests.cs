using System.Net;
using System.Net.Sockets;
using System.Text;
using ChatGpt.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace ChatGpt.Tests.Security;

/// <summary>
/// Issue 13: every way a call can fail, driven through the public API against a hostile loopback server, ends in a
/// <see cref="ChatGptException"/> (never a raw framework exception, a hang or an empty result).
/// </summary>
public sealed class FailureModeTests
{
    private const string Json = "application/json";

    public static TheoryData<string> Modes =>
    [
        "malformed JSON",
        "JSON literal null",
        "truncated body",
        "body larger than MaxResponseBytes",
        "HTML error page",
        "HTML page with 200",
        "empty 500",
        "redirect",
        "connection closed without an answer",
        "not HTTP at all",
        "connection refused",
        "DNS failure",
        "bad header value",
        "error body with the key echoed",
    ];

    public static TheoryData<string> StreamModes =>
    [
        "stream cut before [DONE]",
        "stream connection reset",
        "stream malformed event",
        "stream event larger than MaxStreamEventBytes",
        "stream error event",
        "stream HTML page with 200",
        "stream redirect",
        "stream 503",
    ];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task CreateChatCompletion_FailureMode_ChatGptException(string mode)
    {
        await using var server = ServerFor(mode);
        var client = ClientFor(mode, server);

        var error = await Assert.ThrowsAsync<ChatGptException>(() => client.CreateChatCompletionAsync(SecurityTestClients.Hello()));

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.DoesNotContain(TestClients.ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StreamModes))]
    public async Task StreamChatCompletion_FailureMode_ChatGptException(string mode)
    {
        await using var server = ServerFor(mode);
        var client = ClientFor(mode, server);

        var error = await Assert.ThrowsAsync<ChatGptException>(() => SecurityTestClients.DrainAsync(client.StreamChatCompletionAsync(SecurityTestClients.Hello())));

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public async Task ListModels_ConnectionRefused_ChatGptException()
    {
        var port = ClosedPort();
        var client = SecurityTestClients.Direct(new Uri($"http://127.0.0.1:{port}/v1/"));

        var error = await Assert.ThrowsAsync<ChatGptException>(() => client.ListModelsAsync());

        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    private static LoopbackHttpServer ServerFor(string mode) => mode switch
    {
        "malformed JSON" => Answer("200 OK", Json, "{\"id\": nope}"),
        "JSON literal null" => Answer("200 OK", Json, "null"),
        "truncated body" => LoopbackHttpServer.Answering("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 900\r\nConnection: close\r\n\r\n{\"id\":\"chatcmpl-1\",\"choi"),
        "body larger than MaxResponseBytes" => Answer("200 OK", Json, Bodies.ChatCompletion),
        "HTML error page" => Answer("502 Bad Gateway", "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>"),
        "HTML page with 200" => Answer("200 OK", "text/html", "<html><body>Please log in to the Wi-Fi</body></html>"),
        "empty 500" => Answer("500 Internal Server Error", Json, string.Empty),
        "redirect" or "stream redirect" => Answer("307 Temporary Redirect", "text/plain", string.Empty, "Location: http://127.0.0.1:9/elsewhere"),
        "connection closed without an answer" => new LoopbackHttpServer((_, _, _) => Task.CompletedTask),
        "not HTTP at all" => LoopbackHttpServer.Answering("SSH-2.0-OpenSSH_9.6\r\n\r\n"),
        "error body with the key echoed" => Answer("401 Unauthorized", Json, "{\"error\":{\"message\":\"Incorrect API key provided: " + TestClients.ApiKey + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"),
        "stream cut before [DONE]" => Answer("200 OK", "text/event-stream", "data: {\"id\":\"1\",\"choices\":[]}\n\n"),
        "stream connection reset" => LoopbackHttpServer.Answering("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: 5000\r\nConnection: close\r\n\r\ndata: {\"id\":\"1\",\"choices\":[]}\n\n"),
        "stream malformed event" => Answer("200 OK", "text/event-stream", "data: {\"id\": nope}\n\ndata: [DONE]\n\n"),
        "stream event larger than MaxStreamEventBytes" => Answer("200 OK", "text/event-stream", $"data: {{\"id\":\"{new string('x', 5000)}\"}}\n\ndata: [DONE]\n\n"),
        "stream error event" => Answer("200 OK", "text/event-stream", "event: error\ndata: {\"error\":{\"message\":\"overloaded\",\"code\":\"server_error\"}}\n\n"),
        "stream HTML page with 200" => Answer("200 OK", "text/html", "<html><body>Please log in</body></html>"),
        "stream 503" => Answer("503 Service Unavailable", Json, """{"error":{"message":"overloaded","type":"server_error"}}""", "x-should-retry: false"),
        _ => Answer("200 OK", Json, Bodies.ChatCompletion),
    };

    private static ChatGptClient ClientFor(string mode, LoopbackHttpServer server) => mode switch
    {
        "body larger than MaxResponseBytes" => SecurityTestClients.Direct(server.BaseAddress, o => o.MaxResponseBytes = 100),
        "stream event larger than MaxStreamEventBytes" => SecurityTestClients.Direct(server.BaseAddress, o => o.MaxStreamEventBytes = 1000),
        "connection refused" => SecurityTestClients.Direct(new Uri($"http://127.0.0.1:{ClosedPort()}/v1/")),
        "DNS failure" => SecurityTestClients.Direct(
            new Uri("https://api.example.test/v1/"),
            handler: new SocketsHttpHandler { ConnectCallback = static (_, _) => throw new SocketException((int)SocketError.HostNotFound) }),
        "bad header value" => WithBadProjectAfterStartUp(server),
        _ => SecurityTestClients.Direct(server.BaseAddress),
    };

    private static ChatGptClient WithBadProjectAfterStartUp(LoopbackHttpServer server)
    {
        var options = new ChatGptOptions { ApiKey = TestClients.ApiKey, BaseAddress = server.BaseAddress };
        var client = new ChatGptClient(new HttpClient(), Options.Create(options));
        options.Project = "proj\r\nHost: evil.test";
        return client;
    }

    private static LoopbackHttpServer Answer(string status, string contentType, string body, params string[] headers) =>
        LoopbackHttpServer.Answering(LoopbackHttpServer.Response(status, contentType, body, headers));

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
