using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using ChatGpt.Chat;
using ChatGpt.Completions;

namespace ChatGpt.Diagnostics;

/// <summary>
/// What the server said about one response besides its body: HTTP status, request id, processing time, rate limits,
/// all headers and, when <see cref="ChatGptOptions.CaptureRawResponse"/> is on, the raw body. Read it from
/// <see cref="ChatCompletion.ResponseInfo"/>, <see cref="ChatCompletionChunk.ResponseInfo"/> or <see cref="Completion.ResponseInfo"/>
/// to correlate a call with the provider's logs and to watch the rate-limit budget.
/// </summary>
/// <remarks>Values are read from the headers on first access, so results nobody inspects cost one small object.</remarks>
public sealed class ChatGptResponseInfo
{
    private string? _requestId;
    private bool _requestIdRead;
    private TimeSpan? _processingTime;
    private bool _processingTimeRead;
    private ChatGptRateLimitInfo? _rateLimits;

    /// <summary>Creates the information of a response; users build one with <see cref="ChatGptModelFactory.ChatGptResponseInfo"/>.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="headers">The response headers; none when <see langword="null"/>.</param>
    /// <param name="rawBody">The raw body, if captured.</param>
    internal ChatGptResponseInfo(HttpStatusCode statusCode, HttpResponseHeaders? headers = null, ReadOnlyMemory<byte>? rawBody = null)
    {
        StatusCode = statusCode;
        Headers = headers ?? EmptyHeaders();
        RawBody = rawBody;
    }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>All the response headers, e.g. <c>openai-version</c> or a proxy's own correlation id.</summary>
    public HttpResponseHeaders Headers { get; }

    /// <summary>The id the server gave the request (<c>x-request-id</c>): quote it to the provider's support.</summary>
    public string? RequestId
    {
        get
        {
            if (!_requestIdRead)
            {
                _requestId = Internal.HeaderReader.Get(Headers, "x-request-id");
                _requestIdRead = true;
            }

            return _requestId;
        }
    }

    /// <summary>How long the server says it worked on the request (<c>openai-processing-ms</c>), if it said.</summary>
    public TimeSpan? ProcessingTime
    {
        get
        {
            if (!_processingTimeRead)
            {
                _processingTime = Internal.HeaderReader.Get(Headers, "openai-processing-ms") is { } text
                    && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0 && ms < TimeSpan.MaxValue.TotalMilliseconds
                    ? TimeSpan.FromMilliseconds(ms)
                    : null;
                _processingTimeRead = true;
            }

            return _processingTime;
        }
    }

    /// <summary>The rate-limit budget left after this request (the <c>x-ratelimit-*</c> headers); empty when not sent.</summary>
    public ChatGptRateLimitInfo RateLimits => _rateLimits ??= ChatGptRateLimitInfo.Parse(Headers);

    /// <summary>
    /// The body exactly as received: the JSON of a completion or, for a stream, the <c>data</c> of this chunk's event.
    /// <see langword="null"/> unless <see cref="ChatGptOptions.CaptureRawResponse"/> is on; never a second parse.
    /// </summary>
    public ReadOnlyMemory<byte>? RawBody { get; private set; }

    /// <summary>Describes the response without its body.</summary>
    /// <returns>Status, request id and processing time.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)StatusCode}, request id {RequestId ?? "(none)"}, processing {(ProcessingTime is { } t ? $"{t.TotalMilliseconds} ms" : "(unknown)")}");

    /// <summary>A copy sharing the headers and carrying another body (each chunk of a captured stream has its own).</summary>
    internal ChatGptResponseInfo WithRawBody(ReadOnlyMemory<byte>? rawBody) => new(StatusCode, Headers, rawBody)
    {
        _requestId = _requestId,
        _requestIdRead = _requestIdRead,
        _processingTime = _processingTime,
        _processingTimeRead = _processingTimeRead,
        _rateLimits = _rateLimits,
    };

    /// <summary>This information without a raw body, for a result joined from several chunks.</summary>
    internal ChatGptResponseInfo WithoutRawBody() => RawBody is null ? this : WithRawBody(null);

    internal void SetRawBody(ReadOnlyMemory<byte> rawBody) => RawBody = rawBody;

    /// <summary>Attaches the information to a result of the client.</summary>
    internal static void Attach(object? result, ChatGptResponseInfo info)
    {
        switch (result)
        {
            case ChatCompletion completion:
                completion.ResponseInfo = info;
                break;
            case ChatCompletionChunk chunk:
                chunk.ResponseInfo = info;
                break;
            case Completion completion:
                completion.ResponseInfo = info;
                break;
        }
    }

    private static HttpResponseHeaders EmptyHeaders()
    {
        using var message = new HttpResponseMessage();
        return message.Headers;
    }
}
