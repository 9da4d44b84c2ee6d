using System.Net;
using System.Net.Http.Headers;
using ChatGpt.Internal;
using ChatGpt.Resilience.Internal;

namespace ChatGpt.Http.Internal;

/// <summary>
/// Everything the client learns from one response besides its success body, read once: status, request id, processing
/// time, the <c>x-ratelimit-*</c> budget, the server's wait (<c>retry-after-ms</c>/<c>Retry-After</c>, measured on the
/// injected clock), <c>x-should-retry</c>, content type and length, a redirect's target, and (for an error) the body
/// parsed once. The rate limiter's feedback, the retry decision, the error builder, diagnostics and
/// <see cref="Diagnostics.ChatGptResponseInfo"/> all consume this one reading.
/// </summary>
/// <remarks>
/// <see cref="Of"/> caches the reading in the request's <see cref="HttpRequestMessage.Options"/>, keyed by the response, so
/// the layers of the pipeline and the client share it; a retry's new response gets a new reading.
/// </remarks>
internal sealed class ResponseMetadata
{
    /// <summary>Error bodies are small; a larger one is cut so a misbehaving server cannot make us buffer megabytes.</summary>
    public const int MaxErrorBodyBytes = 64 * 1024;

    private const string ProcessingMs = "openai-processing-ms";
    private const string Location = "Location";

    private static readonly HttpRequestOptionsKey<ResponseMetadata> s_key = new("ChatGpt.ResponseMetadata");

    private readonly HttpResponseMessage? _response;
    private ReadOnlyMemory<byte> _errorBody;
    private ApiError? _error;
    private bool _errorRead;

    private ResponseMetadata(HttpResponseMessage? response, HttpStatusCode statusCode, string? reasonPhrase, HttpResponseHeaders headers, HttpContentHeaders? contentHeaders, TimeProvider clock, Uri? followedTo = null)
    {
        _response = response;
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
        Headers = headers;
        ContentType = contentHeaders is null ? null : MediaTypeOf(contentHeaders);
        ContentLength = contentHeaders?.ContentLength;

        string? retryAfterMs = null, retryAfter = null, shouldRetry = null, processingMs = null, location = null;
        long? limitRequests = null, limitTokens = null, remainingRequests = null, remainingTokens = null;
        TimeSpan? resetRequests = null, resetTokens = null;

        // One pass over the headers (NonValidated: no parsing or allocation by the framework for headers it knows); a
        // header is told by its name's length first, so most names are compared once (or not at all).
        foreach (var header in headers.NonValidated)
        {
            var field = Classify(header.Key);
            if (field == ResponseHeader.None || !ResponseHeaderParser.TryGetFirst(header.Value, out var value))
            {
                continue;
            }

            switch (field)
            {
                case ResponseHeader.LimitRequests:
                    limitRequests = ResponseHeaderParser.ParseCount(value);
                    break;
                case ResponseHeader.LimitTokens:
                    limitTokens = ResponseHeaderParser.ParseCount(value);
                    break;
                case ResponseHeader.RemainingRequests:
                    remainingRequests = ResponseHeaderParser.ParseCount(value);
                    break;
                case ResponseHeader.RemainingTokens:
                    remainingTokens = ResponseHeaderParser.ParseCount(value);
                    break;
                case ResponseHeader.ResetRequests:
                    resetRequests = ResponseHeaderParser.ParseDuration(value);
                    break;
                case ResponseHeader.ResetTokens:
                    resetTokens = ResponseHeaderParser.ParseDuration(value);
                    break;
                case ResponseHeader.RequestId:
                    RequestId = value;
                    break;
                case ResponseHeader.ProcessingMs:
                    processingMs = value;
                    break;
                case ResponseHeader.RetryAfterMs:
                    retryAfterMs = value;
                    break;
                case ResponseHeader.RetryAfter:
                    retryAfter = value;
                    break;
                case ResponseHeader.ShouldRetry:
                    shouldRetry = value;
                    break;
                case ResponseHeader.Location:
                    location = value;
                    break;
            }
        }

        var code = (int)statusCode;
        IsRedirect = code is >= 300 and < 400 || followedTo is not null;
        RedirectLocation = followedTo?.ToString() ?? location;

        // A redirect's or an HTML page's headers come from something other than the API (another origin, a proxy): its
        // rate-limit headers must not govern the account's limiter.
        IsApiResponse = !IsRedirect && !IsHtml(ContentType);
        RateLimits = IsApiResponse ? new RateLimitSnapshot(limitRequests, limitTokens, remainingRequests, remainingTokens, resetRequests, resetTokens) : default;
        // The clock is read only for a Retry-After date, measured from now.
        RetryAfter = ResponseHeaderParser.ParseRetryAfterMs(retryAfterMs) ??
            (retryAfter is null ? null : ResponseHeaderParser.ParseRetryAfter(retryAfter, clock.GetUtcNow()));
        ShouldRetry = ResponseHeaderParser.ParseShouldRetry(shouldRetry);
        ProcessingTime = ResponseHeaderParser.ParseMilliseconds(processingMs);
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The status line's reason phrase, if any.</summary>
    public string? ReasonPhrase { get; }

    /// <summary>All the headers, for those who need one not read here.</summary>
    public HttpResponseHeaders Headers { get; }

    /// <summary><c>x-request-id</c>.</summary>
    public string? RequestId { get; }

    /// <summary><c>openai-processing-ms</c>.</summary>
    public TimeSpan? ProcessingTime { get; }

    /// <summary>The <c>x-ratelimit-*</c> headers; empty when <see cref="IsApiResponse"/> is false.</summary>
    public RateLimitSnapshot RateLimits { get; }

    /// <summary>The wait the server asked for (<c>retry-after-ms</c> first, then <c>Retry-After</c>, against the injected clock).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary><c>x-should-retry</c>: the server's explicit verdict, which overrides the status rules.</summary>
    public bool? ShouldRetry { get; }

    /// <summary>The media type of the body (<c>application/json</c>, <c>text/event-stream</c>, <c>text/html</c>…).</summary>
    public string? ContentType { get; }

    /// <summary>The declared length of the body.</summary>
    public long? ContentLength { get; }

    /// <summary>Whether the answer is a redirect: a 3xx status, or a redirect a handler followed. The API never redirects; the client does not follow.</summary>
    public bool IsRedirect { get; }

    /// <summary>The target of a redirect: the raw <c>Location</c> header, or the address a handler followed it to.</summary>
    public string? RedirectLocation { get; }

    /// <summary>
    /// Whether the response looks like the API's own answer: not a redirect and not an HTML page (a proxy's or a
    /// captive portal's). Only such a response's rate-limit headers are learned.
    /// </summary>
    public bool IsApiResponse { get; }

    /// <summary>The state of the rate budget the call was charged to (its model group), as the limiter saw it after
    /// learning from this response; <see langword="null"/> without a client-side limiter. Read from
    /// <see cref="RateBudgetQueue"/> on first access, as few callers look.</summary>
    public Resilience.ChatGptRateBudgetSnapshot? RateBudget
    {
        get => _rateBudget ??= RateBudgetQueue?.Current();
        set => _rateBudget = value;
    }

    /// <summary>The limiter's queue of the budget the call was charged to, set by the rate limit strategy.</summary>
    public Resilience.Internal.RateBudgetQueue? RateBudgetQueue { get; set; }

    private Resilience.ChatGptRateBudgetSnapshot? _rateBudget;

    /// <summary>Whether the status is 2xx.</summary>
    public bool IsSuccess => (int)StatusCode is >= 200 and < 300;

    /// <summary>The wait an error should report: <see cref="RetryAfter"/>, or for a 429 without one, the reset of the spent budget.</summary>
    public TimeSpan? ServerWait => RetryAfter ?? (StatusCode == HttpStatusCode.TooManyRequests ? RateLimits.SuggestedWait : null);

    /// <summary>The error body as read by <see cref="ReadErrorBodyAsync"/> (at most <see cref="MaxErrorBodyBytes"/>).</summary>
    public ReadOnlyMemory<byte> ErrorBody => _errorBody;

    /// <summary>The API error parsed from <see cref="ErrorBody"/>, or <see langword="null"/> when the body is not one.</summary>
    public ApiError? Error => _error;

    /// <summary>Whether the error body has been read.</summary>
    public bool HasErrorBody => _errorRead;

    /// <summary>
    /// The reading of <paramref name="response"/>, made on first use and cached on <paramref name="request"/> (or on the
    /// response's own request) so that every layer shares it.
    /// </summary>
    public static ResponseMetadata Of(HttpResponseMessage response, HttpRequestMessage? request, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(response);
        request ??= response.RequestMessage;
        if (request is not null && request.Options.TryGetValue(s_key, out var cached) && ReferenceEquals(cached._response, response))
        {
            return cached;
        }

        // A handler that follows redirects (one that is not AddChatGpt's) changes the request's address: the answer is
        // then another origin's, whatever its status. Only the origin counts: handlers in the pipeline may rewrite the
        // path or query on the way (Azure's deployment form, api-version), which is no redirect.
        var followedTo = request is not null && request.Options.TryGetValue(ChatGptRequestContext.OptionsKey, out var call) &&
            call.RequestUri is { IsAbsoluteUri: true } sent && request.RequestUri is { IsAbsoluteUri: true } now &&
            Uri.Compare(sent, now, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0
                ? now
                : null;
        var metadata = new ResponseMetadata(response, response.StatusCode, response.ReasonPhrase, response.Headers, response.Content?.Headers, timeProvider, followedTo);
        request?.Options.Set(s_key, metadata);
        return metadata;
    }

    /// <summary>A reading of headers without a response (a result built by hand, e.g. in tests).</summary>
    public static ResponseMetadata FromHeaders(HttpStatusCode statusCode, HttpResponseHeaders headers, TimeProvider timeProvider) =>
        new(null, statusCode, null, headers, null, timeProvider);

    /// <summary>
    /// Reads the error body once (at most <see cref="MaxErrorBodyBytes"/>) and parses it once; later calls return at once.
    /// A body that cannot be read counts as empty.
    /// </summary>
    public async ValueTask ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (_errorRead)
        {
            return;
        }

        try
        {
            if (response.Content is { } content)
            {
                var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    var buffer = new byte[ContentLength is >= 0 and < MaxErrorBodyBytes and var length ? (int)length + 1 : MaxErrorBodyBytes];
                    var total = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                    _errorBody = buffer.AsMemory(0, total);
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException)
        {
            // A body that cannot be read leaves the error to the status alone.
            _errorBody = ReadOnlyMemory<byte>.Empty;
        }

        _error = ApiError.TryParse(_errorBody.Span, out var error) ? error : null;
        _errorRead = true;
    }

    /// <summary>Sets the error body of a response built without the network (tests, the error builder's own callers).</summary>
    internal void SetErrorBody(ReadOnlyMemory<byte> body)
    {
        _errorBody = body;
        _error = ApiError.TryParse(body.Span, out var error) ? error : null;
        _errorRead = true;
    }

    /// <summary>The origin (scheme, host, port) of a redirect's target, never its path or user info.</summary>
    public string? RedirectOrigin(Uri? requestUri)
    {
        if (RedirectLocation is not { Length: > 0 } location || !Uri.TryCreate(location, UriKind.RelativeOrAbsolute, out var target))
        {
            return null;
        }

        if (!target.IsAbsoluteUri)
        {
            if (requestUri is null || !Uri.TryCreate(requestUri, target, out target))
            {
                return null;
            }
        }

        return target.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);
    }

    /// <summary>Which of the headers read here <paramref name="name"/> is (case-insensitively, as HTTP names are).</summary>
    internal static ResponseHeader Classify(string name) => name.Length switch
    {
        8 => Is(name, Location, ResponseHeader.Location),
        11 => Is(name, ResponseHeaderParser.RetryAfter, ResponseHeader.RetryAfter),
        12 => Is(name, ResponseHeaderParser.RequestId, ResponseHeader.RequestId),
        14 => name[0] is 'r' or 'R'
            ? Is(name, ResponseHeaderParser.RetryAfterMs, ResponseHeader.RetryAfterMs)
            : Is(name, ResponseHeaderParser.ShouldRetry, ResponseHeader.ShouldRetry),
        20 => Is(name, ProcessingMs, ResponseHeader.ProcessingMs),
        24 => name[12] is 'l' or 'L'
            ? Is(name, ResponseHeaderParser.LimitTokens, ResponseHeader.LimitTokens)
            : Is(name, ResponseHeaderParser.ResetTokens, ResponseHeader.ResetTokens),
        26 => name[12] is 'l' or 'L'
            ? Is(name, ResponseHeaderParser.LimitRequests, ResponseHeader.LimitRequests)
            : Is(name, ResponseHeaderParser.ResetRequests, ResponseHeader.ResetRequests),
        28 => Is(name, ResponseHeaderParser.RemainingTokens, ResponseHeader.RemainingTokens),
        30 => Is(name, ResponseHeaderParser.RemainingRequests, ResponseHeader.RemainingRequests),
        _ => ResponseHeader.None,
    };

    private static ResponseHeader Is(string name, string expected, ResponseHeader field) =>
        name.Equals(expected, StringComparison.OrdinalIgnoreCase) ? field : ResponseHeader.None;

    /// <summary>The media type of the body as sent (before any <c>;</c> parameters), read without the framework's parse
    /// of the whole header; the common types as constants, so that reading them allocates nothing.</summary>
    internal static string? MediaTypeOf(HttpContentHeaders headers)
    {
        if (!headers.NonValidated.TryGetValues("Content-Type", out var values) || !ResponseHeaderParser.TryGetFirst(values, out var raw))
        {
            return null;
        }

        var span = raw.AsSpan();
        var semicolon = span.IndexOf(';');
        var media = (semicolon < 0 ? span : span[..semicolon]).Trim();
        return media.IsEmpty ? null
            : media.Equals(JsonMediaType, StringComparison.OrdinalIgnoreCase) ? JsonMediaType
            : media.Equals(EventStreamMediaType, StringComparison.OrdinalIgnoreCase) ? EventStreamMediaType
            : media.Length == raw.Length ? raw
            : media.ToString();
    }

    private const string JsonMediaType = "application/json";

    private const string EventStreamMediaType = "text/event-stream";

    private static bool IsHtml(string? mediaType) =>
        mediaType is not null &&
        (mediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) || mediaType.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase));
}
