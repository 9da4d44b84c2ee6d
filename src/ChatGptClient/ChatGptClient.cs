using System.Buffers;
using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChatGpt.Chat;
using ChatGpt.DependencyInjection;
using ChatGpt.Completions;
using ChatGpt.Diagnostics;
using ChatGpt.Diagnostics.Internal;
using ChatGpt.Internal;
using ChatGpt.Models;
using ChatGpt.Serialization;
using ChatGpt.Streaming;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatGpt;

/// <summary>
/// The typed <see cref="HttpClient"/> client of the OpenAI Chat Completions, Completions and Models APIs.
/// </summary>
/// <remarks>
/// Register it with <c>services.AddChatGpt()</c>, which adds retries, rate limiting and timeouts; or create it over
/// your own <see cref="HttpClient"/>. It is thread-safe: one instance can serve concurrent calls.
/// </remarks>
public sealed class ChatGptClient : IChatGptClient
{
    /// <summary>The name of the <see cref="HttpClient"/> that <c>AddChatGpt</c> registers with <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "ChatGpt";

    // Bodies up to this size (with a Content-Length) are parsed from one pooled buffer; larger ones as they stream in.
    private const int MaxBufferedBody = 1024 * 1024;

    private static readonly string s_userAgent = $"ChatGptClient/{typeof(ChatGptClient).Assembly.GetName().Version?.ToString(3) ?? "1.0.0"}";

    private readonly HttpClient _httpClient;
    private readonly ChatGptOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly string? _apiKey;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly Uri _chatCompletionsUri;
    private readonly Uri _completionsUri;
    private readonly Uri _modelsUri;
    private readonly ChatGptInstrumentation _instrumentation;

    /// <summary>Creates the client over an <see cref="HttpClient"/>.</summary>
    /// <param name="httpClient">The HTTP client. Its <see cref="HttpClient.BaseAddress"/>, when set, wins over <see cref="ChatGptOptions.BaseAddress"/>.</param>
    /// <param name="options">The options. When <see cref="ChatGptOptions.ApiKey"/> is empty the <c>OPENAI_API_KEY</c> environment variable is used.</param>
    /// <exception cref="OptionsValidationException">The options are invalid, e.g. no API key for a remote server.</exception>
    public ChatGptClient(HttpClient httpClient, IOptions<ChatGptOptions> options)
        : this(httpClient, options, timeProvider: null)
    {
    }

    /// <summary>Creates the client over an <see cref="HttpClient"/>, with the clock it measures timeouts with.</summary>
    /// <param name="httpClient">The HTTP client.</param>
    /// <param name="options">The options.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public ChatGptClient(HttpClient httpClient, IOptions<ChatGptOptions> options, TimeProvider? timeProvider)
        : this(httpClient, options, timeProvider, loggerFactory: null, meterFactory: null)
    {
    }

    /// <summary>Creates the client with its clock, logging and metrics (what <c>AddChatGpt</c> passes from the container).</summary>
    /// <param name="httpClient">The HTTP client.</param>
    /// <param name="options">The options.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Creates the <c>ChatGpt.ChatGptClient</c> logger; no logging when <see langword="null"/>.</param>
    /// <param name="meterFactory">Creates the <see cref="ChatGptDiagnostics.MeterName"/> meter; a process-wide meter when <see langword="null"/>.</param>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public ChatGptClient(HttpClient httpClient, IOptions<ChatGptOptions> options, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, IMeterFactory? meterFactory)
        : this(httpClient, Configured(options), timeProvider, loggerFactory, meterFactory)
    {
    }

    /// <summary>Creates the client over options already completed and validated (what <c>AddChatGpt</c> passes: the
    /// current options of one configuration, which must not pick up the default configuration's environment variables).</summary>
    internal ChatGptClient(HttpClient httpClient, ChatGptOptions options, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, IMeterFactory? meterFactory)
    {
        ArgumentNullException.ThrowIfNull(httpClient);

        _httpClient = httpClient;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;

        _apiKey = _options.ApiKey;
        _authorization = string.IsNullOrEmpty(_apiKey) ? null : new AuthenticationHeaderValue("Bearer", _apiKey);

        var baseAddress = ChatGptOptionsSetup.WithTrailingSlash(httpClient.BaseAddress ?? _options.BaseAddress);
        _chatCompletionsUri = new Uri(baseAddress, "chat/completions");
        _completionsUri = new Uri(baseAddress, "completions");
        _modelsUri = new Uri(baseAddress, "models");
        BaseAddress = baseAddress;
        _instrumentation = new ChatGptInstrumentation(_options, baseAddress, _timeProvider, loggerFactory, meterFactory);
    }

    private static ChatGptOptions Configured(IOptions<ChatGptOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value ?? throw new ArgumentException("The options have no value.", nameof(options));
        ChatGptOptionsSetup.ApplyDefaults(Options.DefaultName, value);
        var validation = ChatGptOptionsValidator.Instance.Validate(Options.DefaultName, value);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ChatGptOptions), validation.Failures);
        }

        return value;
    }

    /// <summary>The base address requests go to (for metadata such as the IChatClient adapter's provider URI).</summary>
    internal Uri BaseAddress { get; }

    /// <summary>The model used when a request names none.</summary>
    internal string? DefaultModel => _options.DefaultModel;

    /// <inheritdoc/>
    public async Task<ChatCompletion> CreateChatCompletionAsync(ChatCompletionRequest request, CancellationToken cancellationToken = default)
    {
        var wire = PrepareChatRequest(request, stream: false);
        var context = new ChatGptRequestContext("chat", wire.Model, isStreaming: false, wire) { Deadline = Deadline() };
        var result = await SendJsonAsync(_chatCompletionsUri, wire, ChatGptJsonContext.Default.ChatCompletion, context, cancellationToken).ConfigureAwait(false);
        context.ReportUsage(result.Usage);
        return result;
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<ChatCompletionChunk> StreamChatCompletionAsync(ChatCompletionRequest request, CancellationToken cancellationToken = default)
    {
        // Arguments are checked now, not at the first MoveNextAsync, so mistakes surface where they are made.
        var wire = PrepareChatRequest(request, stream: true);
        var context = new ChatGptRequestContext("chat", wire.Model, isStreaming: true, wire) { Deadline = Deadline() };
        return _instrumentation.Instrument(context, StreamAsync(_chatCompletionsUri, wire, ChatGptJsonContext.Default.ChatCompletionChunk, static c => c.Error, static c => c.Usage, context, cancellationToken));
    }

    /// <inheritdoc/>
    public async Task<Completion> CreateCompletionAsync(CompletionRequest request, CancellationToken cancellationToken = default)
    {
        var wire = PrepareCompletionRequest(request, stream: false);
        var context = new ChatGptRequestContext("text_completion", wire.Model, isStreaming: false, wire) { Deadline = Deadline() };
        var result = await SendJsonAsync(_completionsUri, wire, ChatGptJsonContext.Default.Completion, context, cancellationToken).ConfigureAwait(false);
        context.ReportUsage(result.Usage);
        return result;
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<Completion> StreamCompletionAsync(CompletionRequest request, CancellationToken cancellationToken = default)
    {
        var wire = PrepareCompletionRequest(request, stream: true);
        var context = new ChatGptRequestContext("text_completion", wire.Model, isStreaming: true, wire) { Deadline = Deadline() };
        return _instrumentation.Instrument(context, StreamAsync(_completionsUri, wire, ChatGptJsonContext.Default.Completion, static c => c.Error, static c => c.Usage, context, cancellationToken));
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Model>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        var context = new ChatGptRequestContext("models", null, isStreaming: false, null) { Deadline = Deadline() };
        var scope = _instrumentation.Start(context);
        try
        {
            using var timeout = CreateTimeoutSource(cancellationToken);
            try
            {
                using var message = CreateRequest(HttpMethod.Get, _modelsUri, content: null, context, streaming: false);
                using var response = await SendAsync(message, timeout.Token).ConfigureAwait(false);
                scope?.OnResponse(new ChatGptResponseInfo(response.StatusCode, response.Headers));
                var list = await ReadJsonAsync(response, ChatGptJsonContext.Default.ModelList, "model list", capture: null, timeout.Token).ConfigureAwait(false);
                scope?.OnResult(list);
                return list.Data;
            }
            catch (OperationCanceledException) when (timeout.TimedOut(cancellationToken))
            {
                throw ChatGptErrors.Timeout(_options.Timeout, "listing models");
            }
        }
        catch (Exception ex) when (scope is not null && scope.Fail(ex))
        {
            throw;
        }
        finally
        {
            scope?.End();
        }
    }

    private ChatCompletionRequest PrepareChatRequest(ChatCompletionRequest request, bool stream)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Messages is null || request.Messages.Count == 0)
        {
            throw new ArgumentException("A chat completion request needs at least one message.", nameof(request));
        }

        return PrepareWire(request, _options.DefaultModel, nameof(ChatGptOptions.DefaultModel), stream);
    }

    private CompletionRequest PrepareCompletionRequest(CompletionRequest request, bool stream)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PrepareWire(request, _options.DefaultCompletionModel, nameof(ChatGptOptions.DefaultCompletionModel), stream);
    }

    /// <summary>Applies the default model and the stream flag on a copy: the caller's object is never changed.</summary>
    private static TRequest PrepareWire<TRequest>(TRequest request, string? defaultModel, string defaultModelOption, bool stream)
        where TRequest : class, IWireRequest<TRequest>
    {
        var model = string.IsNullOrWhiteSpace(request.Model) ? defaultModel : request.Model;
        if (string.IsNullOrWhiteSpace(model))
        {
            throw new ArgumentException($"The request names no model and ChatGptOptions.{defaultModelOption} is empty.", nameof(request));
        }

        // stream_options is only valid with stream=true: a non-streamed call drops it rather than earn a 400.
        var needsStream = stream ? request.Stream is not true : request.Stream is not null;
        var dropStreamOptions = !stream && request.StreamOptions is not null;
        if (ReferenceEquals(model, request.Model) && !needsStream && !dropStreamOptions)
        {
            return request;
        }

        var wire = request.ShallowClone();
        wire.Model = model;
        wire.Stream = stream ? true : null;
        if (dropStreamOptions)
        {
            wire.StreamOptions = null;
        }

        return wire;
    }

    private async Task<TResponse> SendJsonAsync<TRequest, TResponse>(
        Uri uri, TRequest body, JsonTypeInfo<TResponse> responseType, ChatGptRequestContext context, CancellationToken cancellationToken)
        where TRequest : class, IWireRequest<TRequest>
        where TResponse : class
    {
        var scope = _instrumentation.Start(context);
        try
        {
            using var timeout = CreateTimeoutSource(cancellationToken);
            try
            {
                // Serialized once into a pooled array: the body has a Content-Length and can be sent again by a retry.
                using var message = CreateRequest(HttpMethod.Post, uri, PooledJsonContent.Create(body), context, streaming: false);
                using var response = await SendAsync(message, timeout.Token).ConfigureAwait(false);
                var info = new ChatGptResponseInfo(response.StatusCode, response.Headers);
                scope?.OnResponse(info);
                var result = await ReadJsonAsync(response, responseType, "response", _options.CaptureRawResponse ? info : null, timeout.Token).ConfigureAwait(false);
                ChatGptResponseInfo.Attach(result, info);
                scope?.OnResult(result);
                return result;
            }
            catch (OperationCanceledException) when (timeout.TimedOut(cancellationToken))
            {
                throw ChatGptErrors.Timeout(_options.Timeout, $"the {context.Operation} call");
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

    private async IAsyncEnumerable<TEvent> StreamAsync<TRequest, TEvent>(
        Uri uri,
        TRequest body,
        JsonTypeInfo<TEvent> eventType,
        Func<TEvent, JsonElement?> getError,
        Func<TEvent, CompletionUsage?> getUsage,
        ChatGptRequestContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRequest : class, IWireRequest<TRequest>
        where TEvent : class
    {
        HttpResponseMessage response;
        using (var timeout = CreateTimeoutSource(cancellationToken))
        {
            try
            {
                using var message = CreateRequest(HttpMethod.Post, uri, PooledJsonContent.Create(body), context, streaming: true);
                response = await SendAsync(message, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.TimedOut(cancellationToken))
            {
                throw ChatGptErrors.Timeout(_options.Timeout, $"waiting for the {context.Operation} stream to start");
            }
        }

        using (response)
        {
            var requestId = ChatGptErrors.GetHeader(response.Headers, "x-request-id");
            var info = new ChatGptResponseInfo(response.StatusCode, response.Headers);
            var captureRaw = _options.CaptureRawResponse;
            var idleTimeout = _options.Resilience.StreamIdleTimeout;

            using var idle = new StreamIdleTimeout(idleTimeout, _timeProvider, cancellationToken);

            Stream stream;
            try
            {
                stream = await response.Content.ReadAsStreamAsync(idle.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                throw ChatGptErrors.StreamCut(0, requestId, ex);
            }

            await using var streamScope = stream.ConfigureAwait(false);
            var parser = SseParser.Create(stream, (type, data) => ParseEvent(type, data, eventType, info, captureRaw));
            var events = parser.EnumerateAsync(idle.Token).GetAsyncEnumerator(idle.Token);
            await using var eventsScope = events.ConfigureAwait(false);

            var received = 0;
            var done = false;
            while (true)
            {
                StreamEvent<TEvent> item;
                try
                {
                    idle.MarkActivity();

                    if (!await events.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    item = events.Current.Data;
                }
                catch (OperationCanceledException) when (idle.TimedOut(cancellationToken))
                {
                    throw new ChatGptException($"The stream was abandoned: no event arrived for {idleTimeout} (ChatGptOptions.Resilience.StreamIdleTimeout) after {received} event(s).", response.StatusCode, requestId: requestId, innerException: new TimeoutException());
                }
                catch (JsonException ex)
                {
                    throw ChatGptErrors.MalformedBody("stream event", response.StatusCode, requestId, ex);
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
                {
                    throw ChatGptErrors.StreamCut(received, requestId, ex);
                }

                if (item.IsDone)
                {
                    done = true;
                    break;
                }

                if (item.Error is { } errorEvent)
                {
                    throw ChatGptErrors.FromErrorElement(errorEvent, response.StatusCode, requestId, _apiKey);
                }

                if (item.Value is not { } value)
                {
                    continue;
                }

                if (getError(value) is { ValueKind: not JsonValueKind.Null } error)
                {
                    throw ChatGptErrors.FromErrorElement(error, response.StatusCode, requestId, _apiKey);
                }

                received++;
                context.ReportUsage(getUsage(value));
                yield return value;
            }

            if (!done)
            {
                throw ChatGptErrors.StreamCut(received, requestId, inner: null);
            }
        }
    }

    private static StreamEvent<TEvent> ParseEvent<TEvent>(string type, ReadOnlySpan<byte> data, JsonTypeInfo<TEvent> eventType, ChatGptResponseInfo info, bool captureRaw)
        where TEvent : class
    {
        if (data.SequenceEqual("[DONE]"u8))
        {
            return StreamEvent<TEvent>.Done;
        }

        if (type == "error")
        {
            var reader = new Utf8JsonReader(data);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            return new StreamEvent<TEvent>(null, false, (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var inner) ? inner : root).Clone());
        }

        if (type != SseParser.EventTypeDefault)
        {
            // Events of other types (pings, vendor extensions) carry nothing for us.
            return default;
        }

        var value = JsonSerializer.Deserialize(data, eventType);
        ChatGptResponseInfo.Attach(value, captureRaw ? info.WithRawBody(data.ToArray()) : info);
        return new StreamEvent<TEvent>(value, false, null);
    }

    private HttpRequestMessage CreateRequest(HttpMethod method, Uri uri, HttpContent? content, ChatGptRequestContext context, bool streaming)
    {
        var message = new HttpRequestMessage(method, uri) { Content = content };
        var headers = message.Headers;
        headers.Authorization = _authorization;
        headers.TryAddWithoutValidation("Accept", streaming ? "text/event-stream" : "application/json");
        headers.TryAddWithoutValidation("User-Agent", s_userAgent);
        if (_options.Organization is { Length: > 0 } organization)
        {
            headers.TryAddWithoutValidation("OpenAI-Organization", organization);
        }

        if (_options.Project is { Length: > 0 } project)
        {
            headers.TryAddWithoutValidation("OpenAI-Project", project);
        }

        message.Options.Set(ChatGptRequestContext.OptionsKey, context);
        return message;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ChatGptException($"The request to {message.RequestUri?.GetLeftPart(UriPartial.Path)} failed: {ex.Message}", ex.StatusCode, innerException: ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ChatGptErrors.FromResponseAsync(response, _apiKey, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, string what, ChatGptResponseInfo? capture, CancellationToken cancellationToken)
        where T : class
    {
        T? result;
        try
        {
            if (capture is not null)
            {
                // The raw body was asked for: buffer it once and parse that buffer, instead of parsing twice.
                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                capture.SetRawBody(bytes);
                result = JsonSerializer.Deserialize(bytes, typeInfo);
            }
            else if (response.Content.Headers.ContentLength is > 0 and <= MaxBufferedBody and var length)
            {
                // A body of known, modest size is read into a pooled buffer and parsed in one synchronous pass: cheaper
                // than the resumable parser, which only pays off for large bodies that should not be held whole.
                result = await ReadBufferedJsonAsync(response.Content, (int)length, typeInfo, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    result = await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException or InvalidOperationException or NotSupportedException)
        {
            throw ChatGptErrors.MalformedBody(what, response.StatusCode, ChatGptErrors.GetHeader(response.Headers, "x-request-id"), ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new ChatGptException($"The connection was cut while reading the {what}: {ex.Message}", response.StatusCode, requestId: ChatGptErrors.GetHeader(response.Headers, "x-request-id"), innerException: ex);
        }

        return result ?? throw ChatGptErrors.MalformedBody(what, response.StatusCode, ChatGptErrors.GetHeader(response.Headers, "x-request-id"), new JsonException("The body was the JSON literal null."));
    }

    private static async Task<T?> ReadBufferedJsonAsync<T>(HttpContent content, int length, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        // One byte more than declared: a handler that changed the body (a decompressor keeping the length, say) must not
        // have it cut silently at the declared length.
        var buffer = ArrayPool<byte>.Shared.Rent(length + 1);
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                // A body shorter than its Content-Length is parsed as far as it goes and fails as truncated JSON.
                var read = await stream.ReadAtLeastAsync(buffer.AsMemory(0, length + 1), length + 1, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (read > length)
                {
                    using var whole = new MemoryStream();
                    whole.Write(buffer, 0, read);
                    await stream.CopyToAsync(whole, cancellationToken).ConfigureAwait(false);
                    return JsonSerializer.Deserialize(whole.GetBuffer().AsSpan(0, (int)whole.Length), typeInfo);
                }

                // The parsed object owns copies of everything it keeps (strings, cloned JsonElements), so the buffer can go back.
                return JsonSerializer.Deserialize(buffer.AsSpan(0, read), typeInfo);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private CallCancellation CreateTimeoutSource(CancellationToken cancellationToken) => new(_options.Timeout, _timeProvider, cancellationToken);

    private DateTimeOffset? Deadline() => _options.Timeout == Timeout.InfiniteTimeSpan ? null : _timeProvider.GetUtcNow() + _options.Timeout;
}
