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
using ChatGpt.Http.Internal;
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

    private const string ChatOperation = "chat";
    private const string CompletionOperation = "text_completion";
    private const string ModelsOperation = "models";

    private readonly ChatGptTransport _transport;
    private readonly Uri _chatCompletionsUri;
    private readonly Uri _completionsUri;
    private readonly Uri _modelsUri;

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
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);

        _transport = new ChatGptTransport(httpClient, options.Value ?? throw new ArgumentException("The options have no value.", nameof(options)), timeProvider, loggerFactory, meterFactory);
        _chatCompletionsUri = _transport.CreateUri("chat/completions");
        _completionsUri = _transport.CreateUri("completions");
        _modelsUri = _transport.CreateUri("models");
        StartupWarmUp.Start();
    }

    /// <summary>The base address requests go to (for metadata such as the IChatClient adapter's provider URI).</summary>
    internal Uri BaseAddress => _transport.BaseAddress;

    /// <summary>The model used when a request names none.</summary>
    internal string? DefaultModel => _transport.Options.DefaultModel;

    /// <inheritdoc/>
    public async Task<ChatCompletion> CreateChatCompletionAsync(ChatCompletionRequest request, CancellationToken cancellationToken = default)
    {
        var wire = PrepareChatRequest(request, stream: false);
        var context = _transport.CreateContext(ChatOperation, wire.Model, isStreaming: false, wire);
        var result = await _transport.SendJsonAsync(HttpMethod.Post, _chatCompletionsUri, PooledJsonContent.Create(wire), ChatCompletionReader.TypeInfo, context, cancellationToken).ConfigureAwait(false);
        context.ReportUsage(result.Usage);
        return result;
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<ChatCompletionChunk> StreamChatCompletionAsync(ChatCompletionRequest request, CancellationToken cancellationToken = default)
    {
        // Arguments are checked now, not at the first MoveNextAsync, so mistakes surface where they are made.
        var wire = PrepareChatRequest(request, stream: true);
        return StreamAsync(_chatCompletionsUri, wire, ChatOperation, ChatCompletionChunkReader.TypeInfo, static c => c.Error, static c => c.Usage, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<Completion> CreateCompletionAsync(CompletionRequest request, CancellationToken cancellationToken = default)
    {
        var wire = PrepareCompletionRequest(request, stream: false);
        var context = _transport.CreateContext(CompletionOperation, wire.Model, isStreaming: false, wire);
        var result = await _transport.SendJsonAsync(HttpMethod.Post, _completionsUri, PooledJsonContent.Create(wire), ChatGptJsonContext.Default.Completion, context, cancellationToken).ConfigureAwait(false);
        context.ReportUsage(result.Usage);
        return result;
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<Completion> StreamCompletionAsync(CompletionRequest request, CancellationToken cancellationToken = default)
    {
        var wire = PrepareCompletionRequest(request, stream: true);
        return StreamAsync(_completionsUri, wire, CompletionOperation, ChatGptJsonContext.Default.Completion, static c => c.Error, static c => c.Usage, cancellationToken);
    }

    /// <summary>The one streamed call of chat and legacy completions: events until <c>[DONE]</c>, usage reported to the context.</summary>
    private IAsyncEnumerable<TEvent> StreamAsync<TRequest, TEvent>(
        Uri uri, TRequest wire, string operation, JsonTypeInfo<TEvent> eventType, Func<TEvent, JsonElement?> getError, Func<TEvent, CompletionUsage?> getUsage, CancellationToken cancellationToken)
        where TRequest : class, IWireRequest<TRequest>
        where TEvent : class
    {
        var context = _transport.CreateContext(operation, wire.Model, isStreaming: true, wire);
        var captureRaw = _transport.Options.CaptureRawResponse;
        return _transport.StreamEventsAsync(
            HttpMethod.Post,
            uri,
            () => PooledJsonContent.Create(wire),
            info => ServerSentEventReader.UntilDone(eventType, getError, info, captureRaw),
            context,
            value => context.ReportUsage(getUsage(value)),
            cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ChatGptModel>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        var context = _transport.CreateContext(ModelsOperation);
        var list = await _transport.SendJsonAsync(HttpMethod.Get, _modelsUri, content: null, ChatGptJsonContext.Default.ModelList, context, cancellationToken).ConfigureAwait(false);
        return list.Data;
    }

    private ChatCompletionRequest PrepareChatRequest(ChatCompletionRequest request, bool stream)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Messages is null || request.Messages.Count == 0)
        {
            throw new ArgumentException("A chat completion request needs at least one message.", nameof(request));
        }

        return PrepareWire(request, _transport.Options.DefaultModel, nameof(ChatGptOptions.DefaultModel), stream);
    }

    private CompletionRequest PrepareCompletionRequest(CompletionRequest request, bool stream)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PrepareWire(request, _transport.Options.DefaultCompletionModel, nameof(ChatGptOptions.DefaultCompletionModel), stream);
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
}
