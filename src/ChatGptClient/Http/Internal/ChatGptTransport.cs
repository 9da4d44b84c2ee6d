using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using ChatGpt.DependencyInjection;
using ChatGpt.Diagnostics;
using ChatGpt.Diagnostics.Internal;
using ChatGpt.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatGpt.Http.Internal;

/// <summary>
/// The send path every endpoint client shares: builds requests with the authentication, organization, project and
/// User-Agent headers, sends them with the call's total timeout, turns every failure into a <see cref="ChatGptException"/>
/// (or cancellation), and reads the answer as a typed JSON result, a raw body stream or a stream of server-sent events,
/// with spans, metrics and logs for any operation name.
/// </summary>
/// <remarks>
/// An endpoint client (chat, files, audio…) creates one transport in its constructor from the same arguments as
/// <see cref="ChatGptClient"/> and calls <see cref="CreateContext"/> then one of the <c>Send…</c>/<c>Stream…</c> methods.
/// The transport is thread-safe.
/// </remarks>
internal sealed class ChatGptTransport
{
    private static readonly string s_userAgent = $"ChatGptClient/{typeof(ChatGptTransport).Assembly.GetName().Version?.ToString(3) ?? "1.0.0"}";

    private readonly HttpClient _httpClient;
    private readonly AuthenticationHeaderValue? _authorization;

    /// <summary>Validates the options (defaults applied first) and prepares what every request carries.</summary>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public ChatGptTransport(HttpClient httpClient, ChatGptOptions options, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, IMeterFactory? meterFactory)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);

        _httpClient = httpClient;
        Options = options;
        TimeProvider = timeProvider ?? TimeProvider.System;

        ChatGptOptionsSetup.ApplyDefaults(options);
        var validation = ChatGptOptionsValidator.Instance.Validate(Microsoft.Extensions.Options.Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(ChatGptOptions), validation.Failures);
        }

        ApiKey = options.ApiKey;
        _authorization = string.IsNullOrEmpty(ApiKey) ? null : new AuthenticationHeaderValue("Bearer", ApiKey);
        if (httpClient.BaseAddress is { } clientAddress && clientAddress != options.BaseAddress)
        {
            // The HttpClient's address wins over the option: it gets the same rules (no user info, no key over http).
            var failures = new List<string>();
            ChatGptOptionsValidator.ValidateAddress(clientAddress, "HttpClient.BaseAddress", options, failures);
            if (failures.Count > 0)
            {
                throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(ChatGptOptions), failures);
            }
        }

        BaseAddress = ChatGptOptionsSetup.WithTrailingSlash(httpClient.BaseAddress ?? options.BaseAddress);
        Instrumentation = new ChatGptInstrumentation(options, BaseAddress, TimeProvider, loggerFactory, meterFactory);
    }

    /// <summary>The validated options.</summary>
    public ChatGptOptions Options { get; }

    /// <summary>The clock of every timeout.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The base address requests go to, with a trailing slash.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The API key, for redaction from messages the server echoes.</summary>
    public string? ApiKey { get; }

    /// <summary>Spans, metrics and logs of the calls.</summary>
    public ChatGptInstrumentation Instrumentation { get; }

    /// <summary>An endpoint's address: <paramref name="relativePath"/> (no leading slash, e.g. <c>files</c>) under the base address.</summary>
    public Uri CreateUri(string relativePath) => new(BaseAddress, relativePath);

    /// <summary>
    /// The context of one call: its operation name, model and typed request, and its deadline. The one place the total
    /// timeout (<see cref="ChatGptOptions.Timeout"/>) becomes a deadline, shared by the client and the pipeline.
    /// </summary>
    /// <param name="operation">The operation name (<c>chat</c>, <c>files.upload</c>…), for spans, metrics and logs.</param>
    /// <param name="model">The model, if the call names one.</param>
    /// <param name="isStreaming">Whether the answer is a stream (server-sent events or a raw body read as it arrives).</param>
    /// <param name="request">The generative request, if any (it drives the GenAI attributes and the token estimate).</param>
    public ChatGptRequestContext CreateContext(string operation, string? model = null, bool isStreaming = false, IChatGptRequest? request = null)
    {
        var timeout = Options.Timeout;
        return new ChatGptRequestContext(operation, model, isStreaming, request)
        {
            Timeout = timeout,
            Deadline = ChatGptRequestContext.DeadlineFrom(TimeProvider, timeout),
        };
    }

    /// <summary>
    /// Sends a request and reads its JSON answer as <typeparamref name="TResponse"/>: the JSON POST, GET and DELETE of every
    /// endpoint. <paramref name="content"/> may be any content (JSON, multipart); a retry can resend it only when it is
    /// replayable (buffered in memory: <see cref="PooledJsonContent"/>, <see cref="ByteArrayContent"/>, multipart of those).
    /// </summary>
    public async Task<TResponse> SendJsonAsync<TResponse>(
        HttpMethod method, Uri uri, HttpContent? content, JsonTypeInfo<TResponse> responseType, ChatGptRequestContext context, CancellationToken cancellationToken)
        where TResponse : class
    {
        context.Method = method;
        var scope = Instrumentation.Start(context);
        try
        {
            using var timeout = new CallCancellation(context.Timeout, TimeProvider, cancellationToken);
            try
            {
                using var message = CreateRequest(method, uri, content, context, accept: "application/json");
                using var response = await SendAsync(message, timeout.Token).ConfigureAwait(false);
                var metadata = ResponseMetadata.Of(response, message, TimeProvider);
                var info = new ChatGptResponseInfo(metadata);
                scope?.OnResponse(info);
                var result = await ResponseBodyReader.ReadJsonAsync(response, metadata, responseType, "response", Options.CaptureRawResponse ? info : null, ResponseBodyReader.Limits.From(Options, TimeProvider), timeout.Token).ConfigureAwait(false);
                ChatGptResponseInfo.Attach(result, info);
                scope?.OnResult(result);
                return result;
            }
            catch (OperationCanceledException) when (timeout.TimedOut(cancellationToken))
            {
                throw ChatGptErrors.Timeout(context.Timeout, $"the {context.Operation} call");
            }
        }
        catch (Exception ex) when (scope is not null && scope.Fail(ex))
        {
            // Fail returns false: the filter records the failure without catching it.
            throw;
        }
        finally
        {
            scope?.End();
        }
    }

    /// <summary>
    /// Sends a request and returns its body as a stream the caller reads while it arrives (a file download, speech
    /// audio). Disposing the stream disposes the response and ends the call's span. A cut connection or a pause longer
    /// than <see cref="ChatGptOptions.ResponseBodyIdleTimeout"/> fails a read with a <see cref="ChatGptException"/>.
    /// The total timeout covers the wait for the response headers; the body's size is the caller's to bound.
    /// </summary>
    public async Task<Stream> SendForStreamAsync(
        HttpMethod method, Uri uri, HttpContent? content, ChatGptRequestContext context, CancellationToken cancellationToken, string accept = "*/*")
    {
        context.Method = method;
        var scope = Instrumentation.Start(context);
        HttpResponseMessage? response = null;
        try
        {
            using (var timeout = new CallCancellation(context.Timeout, TimeProvider, cancellationToken))
            {
                try
                {
                    using var message = CreateRequest(method, uri, content, context, accept);
                    response = await SendAsync(message, timeout.Token).ConfigureAwait(false);
                    var metadata = ResponseMetadata.Of(response, message, TimeProvider);
                    scope?.OnResponse(new ChatGptResponseInfo(metadata));
                    var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
                    return new ResponseBodyStream(response, body, metadata, scope, Options.ResponseBodyIdleTimeout, TimeProvider);
                }
                catch (OperationCanceledException) when (timeout.TimedOut(cancellationToken))
                {
                    throw ChatGptErrors.Timeout(context.Timeout, $"waiting for the {context.Operation} response to start");
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException)
                {
                    throw new ChatGptException($"The connection was cut before the {context.Operation} body started: {ex.Message}", response?.StatusCode, innerException: ex);
                }
            }
        }
        catch (Exception ex)
        {
            response?.Dispose();
            scope?.Fail(ex);
            scope?.End();
            throw;
        }
    }

    /// <summary>
    /// Sends a request whose answer is a stream of server-sent events and yields the events <paramref name="createDecoder"/>'s
    /// decoder makes of them, observed by a span from the first <c>MoveNextAsync</c> to the end. The total timeout covers
    /// the wait for the response headers; after that, <see cref="Resilience.ChatGptResilienceOptions.StreamIdleTimeout"/>
    /// between events.
    /// </summary>
    /// <param name="method">The HTTP method (usually POST).</param>
    /// <param name="uri">The endpoint.</param>
    /// <param name="createContent">Creates the request body when the stream is enumerated (each enumeration sends anew), or returns <see langword="null"/>.</param>
    /// <param name="createDecoder">Creates the decoder of this response's events, given its information (to attach to values).</param>
    /// <param name="context">The call's context (<see cref="CreateContext"/> with <c>isStreaming: true</c>).</param>
    /// <param name="onEvent">Called with each event before it is yielded (e.g. to report usage), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <param name="endName">What ends the stream, for the error of a cut stream (<c>[DONE]</c>, or e.g. <c>transcript.text.done</c>).</param>
    public IAsyncEnumerable<TEvent> StreamEventsAsync<TEvent>(
        HttpMethod method,
        Uri uri,
        Func<HttpContent?> createContent,
        Func<ChatGptResponseInfo, ServerSentEventDecoder<TEvent>> createDecoder,
        ChatGptRequestContext context,
        Action<TEvent>? onEvent,
        CancellationToken cancellationToken,
        string endName = "[DONE]")
        where TEvent : class
    {
        context.Method = method;
        return Instrumentation.Instrument(context, StreamEventsCoreAsync(method, uri, createContent, createDecoder, context, onEvent, endName, cancellationToken));
    }

    private async IAsyncEnumerable<TEvent> StreamEventsCoreAsync<TEvent>(
        HttpMethod method,
        Uri uri,
        Func<HttpContent?> createContent,
        Func<ChatGptResponseInfo, ServerSentEventDecoder<TEvent>> createDecoder,
        ChatGptRequestContext context,
        Action<TEvent>? onEvent,
        string endName,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TEvent : class
    {
        HttpResponseMessage response;
        ResponseMetadata metadata;
        using (var timeout = new CallCancellation(context.Timeout, TimeProvider, cancellationToken))
        {
            try
            {
                using var message = CreateRequest(method, uri, createContent(), context, accept: "text/event-stream");
                response = await SendAsync(message, timeout.Token).ConfigureAwait(false);
                metadata = ResponseMetadata.Of(response, message, TimeProvider);
            }
            catch (OperationCanceledException) when (timeout.TimedOut(cancellationToken))
            {
                throw ChatGptErrors.Timeout(context.Timeout, $"waiting for the {context.Operation} stream to start");
            }
        }

        var decoder = createDecoder(new ChatGptResponseInfo(metadata));
        var settings = new ServerSentEventReader.Settings(Options.Resilience.StreamIdleTimeout, TimeProvider, ApiKey, Options.MaxStreamEventBytes, endName);
        await foreach (var item in ServerSentEventReader.ReadAsync(response, metadata, decoder, settings, cancellationToken).ConfigureAwait(false))
        {
            onEvent?.Invoke(item);
            yield return item;
        }
    }

    private HttpRequestMessage CreateRequest(HttpMethod method, Uri uri, HttpContent? content, ChatGptRequestContext context, string accept)
    {
        var message = new HttpRequestMessage(method, uri) { Content = content };
        var headers = message.Headers;
        headers.Authorization = _authorization;
        headers.TryAddWithoutValidation("Accept", accept);
        headers.TryAddWithoutValidation("User-Agent", s_userAgent);
        if (Options.Organization is { Length: > 0 } organization)
        {
            // Checked at start-up too; checked again here as the options object may change afterwards, and a CR or LF
            // written without validation would split the request on the wire.
            HeaderValues.EnsureValid(organization, "ChatGptOptions.Organization");
            headers.TryAddWithoutValidation("OpenAI-Organization", organization);
        }

        if (Options.Project is { Length: > 0 } project)
        {
            HeaderValues.EnsureValid(project, "ChatGptOptions.Project");
            headers.TryAddWithoutValidation("OpenAI-Project", project);
        }

        context.RequestUri = uri;
        message.Options.Set(ChatGptRequestContext.OptionsKey, context);
        return message;
    }

    /// <summary>
    /// Sends with headers-read completion. A failure status throws its <see cref="ChatGptException"/>; so does a redirect,
    /// answered (3xx) or followed by a handler that was not told not to (the API never redirects).
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        var sentTo = message.RequestUri;
        HttpResponseMessage response;
        try
        {
            response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ChatGptException($"The request to {UriText.PathOnly(sentTo)} failed: {ex.Message}", ex.StatusCode, innerException: ex);
        }

        var metadata = ResponseMetadata.Of(response, message, TimeProvider);
        if (metadata.IsRedirect)
        {
            using (response)
            {
                throw ChatGptErrors.Redirect(metadata, sentTo);
            }
        }

        if (metadata.IsSuccess)
        {
            return response;
        }

        using (response)
        {
            await metadata.ReadErrorBodyAsync(response, cancellationToken).ConfigureAwait(false);
            throw ChatGptErrors.FromResponse(metadata, ApiKey);
        }
    }
}
