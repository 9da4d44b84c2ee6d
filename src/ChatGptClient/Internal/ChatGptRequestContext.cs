namespace ChatGpt.Internal;

/// <summary>
/// What the client knows about a request, attached to its <see cref="HttpRequestMessage.Options"/> so that handlers in the
/// pipeline (rate limiter, retries, diagnostics) can act on typed facts instead of parsing the JSON body.
/// </summary>
internal sealed class ChatGptRequestContext
{
    /// <summary>The key under which the context is stored in <see cref="HttpRequestMessage.Options"/>.</summary>
    public static readonly HttpRequestOptionsKey<ChatGptRequestContext> OptionsKey = new("ChatGpt.RequestContext");

    private Action<CompletionUsage>? _usageReported;
    private Action<int, int>? _tokenCorrection;
    private int _estimatedTokens;

    public ChatGptRequestContext(string operation, string? model, bool isStreaming, IChatGptRequest? request)
    {
        Operation = operation;
        Model = model;
        IsStreaming = isStreaming;
        Request = request;
    }

    /// <summary>
    /// The operation name, used for the span name, the logs and the <c>gen_ai.operation.name</c> tag: <c>chat</c>,
    /// <c>text_completion</c>, <c>models</c>, or an endpoint's own such as <c>files.upload</c>.
    /// </summary>
    public string Operation { get; }

    /// <summary>The model requested, after the default was applied.</summary>
    public string? Model { get; }

    /// <summary>Whether the response is a server-sent event stream.</summary>
    public bool IsStreaming { get; }

    /// <summary>
    /// The generative request as sent (a <see cref="Chat.ChatCompletionRequest"/> or <see cref="Completions.CompletionRequest"/>),
    /// typed for the layers that describe or price it; <see langword="null"/> for calls that generate nothing (models,
    /// files), which are also left out of the GenAI metrics.
    /// </summary>
    public IChatGptRequest? Request { get; }

    /// <summary>
    /// When the whole call must be over (the client's total timeout), as a <see cref="TimeProvider"/> UTC time; retry
    /// strategies compare a server's <c>Retry-After</c> with it instead of sleeping past it.
    /// </summary>
    /// <remarks>Set by <see cref="Http.Internal.ChatGptTransport.CreateContext"/>, the one place the total timeout becomes a deadline.</remarks>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>
    /// The deadline of a call that starts now with total timeout <paramref name="timeout"/>, or <see langword="null"/> when
    /// it is infinite: the one computation of it, for the client's calls and for requests sent by other code.
    /// </summary>
    public static DateTimeOffset? DeadlineFrom(TimeProvider timeProvider, TimeSpan timeout)
    {
        if (timeout == System.Threading.Timeout.InfiniteTimeSpan || timeout <= TimeSpan.Zero)
        {
            return null;
        }

        // A timeout too long to add to the date (TimeSpan.MaxValue, say) is no deadline at all.
        var now = timeProvider.GetUtcNow();
        return timeout >= DateTimeOffset.MaxValue - now ? null : now + timeout;
    }

    /// <summary>
    /// The address the client sent the request to. A handler that follows a redirect changes the request's address;
    /// <see cref="Http.Internal.ResponseMetadata"/> compares the two to tell the API's answer from another origin's.
    /// </summary>
    public Uri? RequestUri { get; set; }

    /// <summary>
    /// The HTTP method, set by the transport before the call's scope opens: the <c>http.request.method</c> of the spans
    /// and metrics of calls that generate nothing (files, uploads, fine-tuning, models).
    /// </summary>
    public HttpMethod? Method { get; set; }

    /// <summary>The total timeout the deadline was computed from (<see cref="ChatGptOptions.Timeout"/>).</summary>
    public TimeSpan Timeout { get; init; } = System.Threading.Timeout.InfiniteTimeSpan;

    /// <summary>Raised once the client has read the response's <c>usage</c>, so token budgets can be corrected.</summary>
    public event Action<CompletionUsage>? UsageReported
    {
        add => _usageReported += value;
        remove => _usageReported -= value;
    }

    /// <summary>
    /// Has <paramref name="correct"/> called with (<paramref name="estimatedTokens"/>, the usage's total tokens) once the
    /// usage is known, replacing any earlier registration. The rate limiter does this on every call, so unlike
    /// <see cref="UsageReported"/> it allocates nothing.
    /// </summary>
    public void CorrectTokensOnUsage(Action<int, int> correct, int estimatedTokens)
    {
        _tokenCorrection = correct;
        _estimatedTokens = estimatedTokens;
    }

    /// <summary>The usage reported, once known.</summary>
    public CompletionUsage? Usage { get; private set; }

    /// <summary>Called by the client when it has read the usage.</summary>
    public void ReportUsage(CompletionUsage? usage)
    {
        if (usage is null || Usage is not null)
        {
            return;
        }

        Usage = usage;
        _tokenCorrection?.Invoke(_estimatedTokens, usage.TotalTokens);
        _usageReported?.Invoke(usage);
    }
}
