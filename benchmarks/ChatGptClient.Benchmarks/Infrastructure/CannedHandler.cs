using System.Net;

namespace ChatGpt.Benchmarks.Infrastructure;

/// <summary>
/// An in-memory <see cref="HttpMessageHandler"/> standing in for the network: it consumes the request body (so a client
/// that serializes lazily pays for it like one that serializes eagerly) and answers with a fresh
/// <see cref="ByteArrayContent"/> over cached bytes plus the headers OpenAI sends, so every contender pays the same.
/// </summary>
internal sealed class CannedHandler : HttpMessageHandler
{
    private readonly CannedResponse _chat;
    private readonly CannedResponse _completion;
    private readonly bool _captureRequests;
    private long _requestCount;

    public CannedHandler(CannedResponse chat, CannedResponse? completion = null, bool captureRequests = false)
    {
        _chat = chat;
        _completion = completion ?? CannedResponse.Completion;
        _captureRequests = captureRequests;
    }

    /// <summary>The body of the last request, when built with <c>captureRequests</c> (the verify mode prints it).</summary>
    public string? LastRequestBody { get; private set; }

    /// <summary>How many requests were answered; lets the harness check a contender really called the handler.</summary>
    public long RequestCount => Interlocked.Read(ref _requestCount);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null && _captureRequests)
        {
            LastRequestBody = await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (request.Content is not null)
        {
            await request.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }

        return Respond(request);
    }

    // Betalgo's streaming call uses the synchronous HttpClient.Send; serve it the same way.
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null && _captureRequests)
        {
            using var reader = new StreamReader(request.Content.ReadAsStream(cancellationToken));
            LastRequestBody = reader.ReadToEnd();
        }
        else
        {
            request.Content?.CopyTo(Stream.Null, null, cancellationToken);
        }
        return Respond(request);
    }

    private HttpResponseMessage Respond(HttpRequestMessage request)
    {
        Interlocked.Increment(ref _requestCount);
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        var canned = path.EndsWith("/chat/completions", StringComparison.Ordinal) ? _chat
            : path.EndsWith("/completions", StringComparison.Ordinal) ? _completion
            : null;
        if (canned is null)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
        }

        var content = new ByteArrayContent(canned.Body);
        content.Headers.TryAddWithoutValidation("Content-Type", canned.ContentType);
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request, Version = HttpVersion.Version11 };
        AddOpenAiHeaders(response);
        return response;
    }

    /// <summary>
    /// The response headers api.openai.com sends with every answer. The rate-limit headers are real in form, but
    /// report a budget no benchmark can exhaust: the client's adaptive limiter parses them and keeps its books (that
    /// cost is measured), yet never has to make a call wait, which would measure the limit instead of the client.
    /// </summary>
    // For the overhead analysis only (README): CHATGPT_BENCH_NO_RATELIMIT_HEADERS=1 answers without x-ratelimit-*.
    private static readonly bool OmitRateLimitHeaders = Environment.GetEnvironmentVariable("CHATGPT_BENCH_NO_RATELIMIT_HEADERS") == "1";

    internal static void AddOpenAiHeaders(HttpResponseMessage response)
    {
        var headers = response.Headers;
        headers.TryAddWithoutValidation("x-request-id", "req_7f3c2a9be1d04c6f8e5a1b2c3d4e5f60");
        headers.TryAddWithoutValidation("openai-processing-ms", "412");
        headers.TryAddWithoutValidation("openai-version", "2020-10-01");
        if (OmitRateLimitHeaders)
        {
            return;
        }

        headers.TryAddWithoutValidation("x-ratelimit-limit-requests", "1000000000");
        headers.TryAddWithoutValidation("x-ratelimit-remaining-requests", "999999999");
        headers.TryAddWithoutValidation("x-ratelimit-limit-tokens", "100000000000");
        headers.TryAddWithoutValidation("x-ratelimit-remaining-tokens", "99999999412");
        // One request of a billion a minute refills in 60 ns: "0s", as the API writes it. "6ms" (the reset of one request
        // at 10,000 a minute) read with this limit means a window of 70 days, which the limiter takes as a daily limit
        // and paces at 11,600 calls a second for the first seconds of a run.
        headers.TryAddWithoutValidation("x-ratelimit-reset-requests", "0s");
        headers.TryAddWithoutValidation("x-ratelimit-reset-tokens", "0s");
    }
}
