using System.Net;
using ChatGpt.Testing.Internal;

namespace ChatGpt.Testing;

/// <summary>
/// Serves HTTP requests from a <see cref="ChatGptEmulator"/> in memory, without a socket: use it as the primary handler
/// of an <see cref="HttpClient"/> (<c>AddChatGpt().UseEmulator()</c> does this for you).
/// </summary>
/// <remarks>Only the path of the request URI is used, so any base address works (e.g. <c>http://localhost/v1/</c>).
/// Streams are produced while they are read, so delays and cuts behave as over a network.</remarks>
public sealed class ChatGptEmulatorHandler : HttpMessageHandler
{
    /// <summary>Creates a handler served by <paramref name="emulator"/>, or by a new emulator with default settings.</summary>
    /// <param name="emulator">The emulator.</param>
    public ChatGptEmulatorHandler(ChatGptEmulator? emulator = null)
    {
        Emulator = emulator ?? new ChatGptEmulator();
    }

    /// <summary>The emulator that answers.</summary>
    public ChatGptEmulator Emulator { get; }

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is null)
        {
            throw new InvalidOperationException("The request has no URI and the HttpClient has no BaseAddress.");
        }

        var uri = request.RequestUri.IsAbsoluteUri ? request.RequestUri : new Uri(new Uri("http://localhost/"), request.RequestUri);
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var header in request.Headers)
        {
            headers.Add(new(header.Key, string.Join(", ", header.Value)));
        }

        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers)
            {
                headers.Add(new(header.Key, string.Join(", ", header.Value)));
            }
        }

        ResponsePlan plan;
        var body = new HttpContentRequestBody(request.Content);
        try
        {
            var incoming = new IncomingRequest(request.Method.Method, uri.AbsolutePath, uri.Query, headers, body);
            plan = await Emulator.ProcessAsync(incoming, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await body.DisposeAsync().ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();

        var response = new HttpResponseMessage((HttpStatusCode)plan.StatusCode)
        {
            RequestMessage = request,
            Version = HttpVersion.Version11,
            Content = new EmulatorHttpContent(plan, Emulator.TimeProvider, cancellationToken),
        };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", plan.ContentType);
        foreach (var (name, value) in plan.Headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }
}
