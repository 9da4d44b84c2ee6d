using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChatGpt.DependencyInjection;
using ChatGpt.Diagnostics;
using ChatGpt.Diagnostics.Internal;
using ChatGpt.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatGpt.Audio.Internal;

/// <summary>
/// How the audio client sends a request and reads the answer: a JSON or text result, an SSE stream of typed events, or a
/// raw body readable while it arrives; each with the client's timeout, instrumentation and error translation.
/// </summary>
internal sealed class AudioTransport
{
    private const int MaxTextBody = 16 * 1024 * 1024;

    private static readonly string s_userAgent = $"ChatGptClient/{typeof(AudioTransport).Assembly.GetName().Version?.ToString(3) ?? "1.0.0"}";

    private readonly HttpClient _httpClient;
    private readonly ChatGptOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly string? _apiKey;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly ChatGptInstrumentation _instrumentation;

    public AudioTransport(HttpClient httpClient, IOptions<ChatGptOptions> options, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, IMeterFactory? meterFactory)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _httpClient = httpClient;
        _options = options.Value ?? throw new ArgumentException("The options have no value.", nameof(options));
        _timeProvider = timeProvider ?? TimeProvider.System;
        ChatGptOptionsSetup.ApplyDefaults(_options);
        var validation = ChatGptOptionsValidator.Instance.Validate(Options.DefaultName, _options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ChatGptOptions), validation.Failures);
        }

        _apiKey = _options.ApiKey;
        _authorization = string.IsNullOrEmpty(_apiKey) ? null : new AuthenticationHeaderValue("Bearer", _apiKey);
        BaseAddress = ChatGptOptionsSetup.WithTrailingSlash(httpClient.BaseAddress ?? _options.BaseAddress);
        _instrumentation = new ChatGptInstrumentation(_options, BaseAddress, _timeProvider, loggerFactory, meterFactory);
    }

    public Uri BaseAddress { get; }

    public async Task<T> CallAsync<T>(
        Uri uri,
        Func<HttpContent> content,
        Func<HttpResponseMessage, CancellationToken, Task<T>> read,
        ChatGptRequestContext context,
        CancellationToken cancellationToken)
        where T : class
    {
        var scope = _instrumentation.Start(context);
        try
        {
            using var timeout = new CallCancellation(_options.Timeout, _timeProvider, cancellationToken);
            try
            {
                using var message = CreateRequest(uri, content(), context, "application/json");
                using var response = await SendAsync(message, timeout.Token).ConfigureAwait(false);
                scope?.OnResponse(new ChatGptResponseInfo(response.StatusCode, response.Headers));
                var result = await read(response, timeout.Token).ConfigureAwait(false);
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
            throw;
        }
        finally
        {
            scope?.End();
        }
    }

    public async Task<T> OpenAsync<T>(
        Uri uri,
        Func<HttpContent> content,
        string accept,
        Func<Stream, HttpResponseMessage, ChatGptResponseInfo, T> create,
        ChatGptRequestContext context,
        CancellationToken cancellationToken)
    {
        var scope = _instrumentation.Start(context);
        try
        {
            HttpResponseMessage response;
            using (var timeout = new CallCancellation(_options.Timeout, _timeProvider, cancellationToken))
            {
                try
                {
                    using var message = CreateRequest(uri, content(), context, accept);
                    response = await SendAsync(message, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (timeout.TimedOut(cancellationToken))
                {
                    throw ChatGptErrors.Timeout(_options.Timeout, $"waiting for the {context.Operation} response");
                }
            }

            var info = new ChatGptResponseInfo(response.StatusCode, response.Headers);
            scope?.OnResponse(info);
            try
            {
                var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                var result = create(new AudioResponseStream(stream, response, info.RequestId), response, info);
                scope?.OnStreamEnded();
                return result;
            }
            catch
            {
                response.Dispose();
                throw;
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

    public IAsyncEnumerable<TEvent> StreamAsync<TEvent>(
        Uri uri,
        Func<HttpContent> content,
        JsonTypeInfo<TEvent> eventType,
        Func<TEvent, string> getType,
        Action<TEvent, ChatGptResponseInfo> attach,
        string doneType,
        ChatGptRequestContext context,
        CancellationToken cancellationToken)
        where TEvent : class =>
        _instrumentation.Instrument(context, StreamCoreAsync(uri, content, eventType, getType, attach, doneType, context, cancellationToken));

    private async IAsyncEnumerable<TEvent> StreamCoreAsync<TEvent>(
        Uri uri,
        Func<HttpContent> content,
        JsonTypeInfo<TEvent> eventType,
        Func<TEvent, string> getType,
        Action<TEvent, ChatGptResponseInfo> attach,
        string doneType,
        ChatGptRequestContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TEvent : class
    {
        HttpResponseMessage response;
        using (var timeout = new CallCancellation(_options.Timeout, _timeProvider, cancellationToken))
        {
            try
            {
                using var message = CreateRequest(uri, content(), context, "text/event-stream");
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
            var parser = SseParser.Create(stream, static (type, data) => (Type: type, Data: data.ToArray()));
            var events = parser.EnumerateAsync(idle.Token).GetAsyncEnumerator(idle.Token);
            await using var eventsScope = events.ConfigureAwait(false);

            var received = 0;
            while (true)
            {
                TEvent? value;
                try
                {
                    idle.MarkActivity();
                    if (!await events.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    var (type, data) = events.Current.Data;
                    if (type == "error" || IsErrorObject(data))
                    {
                        throw ErrorFromEvent(data, response, requestId);
                    }

                    if (data.AsSpan().SequenceEqual("[DONE]"u8))
                    {
                        break;
                    }

                    value = JsonSerializer.Deserialize(data, eventType);
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

                if (value is null)
                {
                    continue;
                }

                received++;
                attach(value, info);
                yield return value;
                if (getType(value) == doneType)
                {
                    yield break;
                }
            }

            throw new ChatGptException(
                $"The stream was cut before its {doneType} event after {received} event(s). The answer is incomplete.{(requestId is null ? string.Empty : $" (request id {requestId})")}",
                System.Net.HttpStatusCode.OK,
                requestId: requestId);
        }
    }

    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, string what, CancellationToken cancellationToken)
        where T : class
    {
        var requestId = ChatGptErrors.GetHeader(response.Headers, "x-request-id");
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false)
                    ?? throw ChatGptErrors.MalformedBody(what, response.StatusCode, requestId, new JsonException("The body was the JSON literal null."));
            }
        }
        catch (JsonException ex)
        {
            throw ChatGptErrors.MalformedBody(what, response.StatusCode, requestId, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new ChatGptException($"The connection was cut while reading the {what}: {ex.Message}", response.StatusCode, requestId: requestId, innerException: ex);
        }
    }

    public static async Task<string> ReadTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var requestId = ChatGptErrors.GetHeader(response.Headers, "x-request-id");
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                // Bounded: a text transcript of 25 MB of audio is far smaller than this.
                using var reader = new StreamReader(stream, Encoding.UTF8);
                var buffer = new char[8192];
                var text = new StringBuilder();
                int read;
                while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (text.Length + read > MaxTextBody)
                    {
                        throw new ChatGptException($"The transcript body is larger than {MaxTextBody:N0} characters; it was not read whole.", response.StatusCode, requestId: requestId);
                    }

                    text.Append(buffer, 0, read);
                }

                return text.ToString();
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new ChatGptException($"The connection was cut while reading the transcript: {ex.Message}", response.StatusCode, requestId: requestId, innerException: ex);
        }
    }

    private static bool IsErrorObject(byte[] data)
    {
        // An error sent as a data line without an event name: {"type":"error","error":{...}} or {"error":{...}}.
        if (data.Length == 0 || data[0] != (byte)'{' || data.AsSpan().IndexOf("\"error\""u8) < 0)
        {
            return false;
        }

        var reader = new Utf8JsonReader(data);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        return root.ValueKind == JsonValueKind.Object &&
            ((root.TryGetProperty("type", out var type) && type.ValueEquals("error"u8)) ||
             (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object));
    }

    private ChatGptException ErrorFromEvent(byte[] data, HttpResponseMessage response, string? requestId)
    {
        var reader = new Utf8JsonReader(data);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var inner) ? inner : root;
        return ChatGptErrors.FromErrorElement(error, response.StatusCode, requestId, _apiKey);
    }

    private HttpRequestMessage CreateRequest(Uri uri, HttpContent content, ChatGptRequestContext context, string accept)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        var headers = message.Headers;
        headers.Authorization = _authorization;
        headers.TryAddWithoutValidation("Accept", accept);
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
        catch (HttpRequestException ex) when (FindOwn(ex) is { } own)
        {
            // A check that can only run while the body is sent (a stream of unknown length over the limit).
            throw own;
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

    private static ChatGptException? FindOwn(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is ChatGptException own)
            {
                return own;
            }
        }

        return null;
    }
}
