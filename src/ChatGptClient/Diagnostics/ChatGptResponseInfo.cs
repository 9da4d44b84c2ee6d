using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using ChatGpt.Chat;
using ChatGpt.Completions;
using ChatGpt.Http.Internal;

namespace ChatGpt.Diagnostics;

/// <summary>
/// What the server said about one response besides its body: HTTP status, request id, processing time, rate limits,
/// all headers and, when <see cref="ChatGptOptions.CaptureRawResponse"/> is on, the raw body. Read it from
/// <see cref="ChatCompletion.ResponseInfo"/>, <see cref="ChatCompletionChunk.ResponseInfo"/> or <see cref="Completion.ResponseInfo"/>
/// to correlate a call with the provider's logs and to watch the rate-limit budget.
/// </summary>
/// <remarks>Values come from the client's one reading of the response headers, shared with its retries, rate limiter and errors.</remarks>
public sealed class ChatGptResponseInfo
{
    private ResponseMetadata? _metadata;
    private ChatGptRateLimitInfo? _rateLimits;

    /// <summary>Creates the information of a response, e.g. to build results in tests.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="headers">The response headers; none when <see langword="null"/>.</param>
    /// <param name="rawBody">The raw body, if captured.</param>
    public ChatGptResponseInfo(HttpStatusCode statusCode, HttpResponseHeaders? headers = null, ReadOnlyMemory<byte>? rawBody = null)
    {
        StatusCode = statusCode;
        Headers = headers ?? EmptyHeaders();
        RawBody = rawBody;
    }

    /// <summary>The information of a response the client has read (<see cref="ResponseMetadata"/>): no second parse.</summary>
    internal ChatGptResponseInfo(ResponseMetadata metadata, ReadOnlyMemory<byte>? rawBody = null)
    {
        _metadata = metadata;
        StatusCode = metadata.StatusCode;
        Headers = metadata.Headers;
        RawBody = rawBody;
    }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>All the response headers, e.g. <c>openai-version</c> or a proxy's own correlation id.</summary>
    public HttpResponseHeaders Headers { get; }

    /// <summary>The id the server gave the request (<c>x-request-id</c>): quote it to the provider's support.</summary>
    public string? RequestId => Metadata.RequestId;

    /// <summary>How long the server says it worked on the request (<c>openai-processing-ms</c>), if it said.</summary>
    public TimeSpan? ProcessingTime => Metadata.ProcessingTime;

    /// <summary>The rate-limit budget left after this request (the <c>x-ratelimit-*</c> headers); empty when not sent.</summary>
    public ChatGptRateLimitInfo RateLimits => _rateLimits ??= ChatGptRateLimitInfo.From(Metadata.RateLimits);

    /// <summary>The one reading of the headers, made on first access for an instance built from headers.</summary>
    /// <summary>
    /// The client-side rate budget the call was charged to (its model's, e.g. <c>gpt-4o-mini</c> for
    /// <c>gpt-4o-mini-2024-07-18</c>): the limits in force, learned or configured, and what is left, as the limiter saw
    /// them after this response. <see langword="null"/> when the client has no rate limiter (resilience off, or a result
    /// built in a test).
    /// </summary>
    public ChatGpt.Resilience.ChatGptRateBudgetSnapshot? RateBudget => Metadata.RateBudget;

    internal ResponseMetadata Metadata => _metadata ??= ResponseMetadata.FromHeaders(StatusCode, Headers, TimeProvider.System);

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
    internal ChatGptResponseInfo WithRawBody(ReadOnlyMemory<byte>? rawBody) => new(Metadata, rawBody) { _rateLimits = _rateLimits };

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
            case Audio.Transcription transcription:
                transcription.ResponseInfo = info;
                break;
            case Audio.Internal.DiarizedTranscriptionWire diarized:
                diarized.ResponseInfo = info;
                break;
            case Audio.TranscriptionStreamEvent transcriptionEvent:
                transcriptionEvent.ResponseInfo = info;
                break;
        }
    }

    private static HttpResponseHeaders EmptyHeaders()
    {
        using var message = new HttpResponseMessage();
        return message.Headers;
    }
}
