using System.Globalization;
using ChatGpt.Testing.Internal;

namespace ChatGpt.Testing;

/// <summary>
/// A local, deterministic emulator of the OpenAI API: <c>POST /v1/chat/completions</c>, <c>POST /v1/completions</c>
/// (each with or without <c>stream</c>) and <c>GET /v1/models</c>, answered with the real API's JSON shapes, headers,
/// error bodies and server-sent events.
/// </summary>
/// <remarks>
/// <para>Host it in memory with <see cref="ChatGptEmulatorHandler"/> (or <c>AddChatGpt().UseEmulator()</c>), or on a real
/// socket with <see cref="ChatGptEmulatorServer"/>. One emulator may serve both at once.</para>
/// <para>By default it answers with small deterministic rules (greets back, echoes, does arithmetic, calls a tool the
/// user mentions; see the package README) and respects <c>max_tokens</c>, <c>stop</c>, <c>n</c> and <c>logprobs</c>. Tests
/// script it with <see cref="Enqueue"/> and <see cref="When"/>, inject faults with <see cref="EmulatorResponse"/>, set
/// <see cref="RequestsPerMinute"/> / <see cref="TokensPerMinute"/> (or <see cref="ModelRateLimits"/>, enforced as
/// <see cref="RateLimitMode"/> says), and assert on <see cref="Requests"/>.</para>
/// <para>It is thread-safe; configure its properties before sending requests.</para>
/// </remarks>
public sealed class ChatGptEmulator
{
    /// <summary>The models listed by <c>GET /v1/models</c> unless <see cref="Models"/> is changed.</summary>
    public static readonly IReadOnlyList<string> DefaultModels =
        ["gpt-4o-mini", "gpt-4o", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "o3-mini", "gpt-3.5-turbo", "gpt-3.5-turbo-instruct"];

    private readonly RequestRecorder _recorder = new();
    private readonly ScriptBook _scripts = new();
    private readonly EmulatorRouter _router;
    private long _sequence;

    /// <summary>Creates an emulator on the system clock.</summary>
    public ChatGptEmulator()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Creates an emulator whose delays, rate-limit windows and timestamps follow <paramref name="timeProvider"/>
    /// (e.g. a <c>FakeTimeProvider</c> in tests).</summary>
    /// <param name="timeProvider">The clock.</param>
    public ChatGptEmulator(TimeProvider timeProvider)
        : this(timeProvider, static _ => [])
    {
    }

    /// <summary>Creates an emulator that also serves <paramref name="additionalEndpoints"/> (tests of the endpoint
    /// abstraction itself).</summary>
    internal ChatGptEmulator(TimeProvider timeProvider, Func<ChatGptEmulator, IEnumerable<EmulatorEndpoint>> additionalEndpoints)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        TimeProvider = timeProvider;
        RateLimits = new EmulatorRateLimits(this);
        _router = new EmulatorRouter([.. EmulatorEndpoints.Create(this), .. additionalEndpoints(this)]);
    }

    /// <summary>The clock used for delays, rate-limit windows, <c>created</c> timestamps and <c>openai-processing-ms</c>.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The model ids served by <c>GET /v1/models</c> (and, with <see cref="RejectUnknownModels"/>, the only ones accepted).</summary>
    public IList<string> Models { get; } = [.. DefaultModels];

    /// <summary>Whether requests must carry <c>Authorization: Bearer &lt;key&gt;</c> (any key); 401 otherwise.</summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool RequireApiKey { get; set; }

    /// <summary>When set, the only key accepted: other keys get 401 <c>invalid_api_key</c>. Implies <see cref="RequireApiKey"/>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Whether a model not in <see cref="Models"/> gets 404 <c>model_not_found</c> like the API.</summary>
    /// <value>Defaults to <see langword="false"/>: any model name is accepted and echoed back.</value>
    public bool RejectUnknownModels { get; set; }

    /// <summary>Whether body parameters the API does not know are accepted.</summary>
    /// <value>Defaults to <see langword="false"/>: like the API, an unknown parameter gets 400
    /// <c>Unrecognized request argument supplied</c>, which catches misspelled fields in a client.</value>
    public bool AllowUnknownParameters { get; set; }

    /// <summary>The requests-per-minute limit (<c>x-ratelimit-limit-requests</c>) of every model not in
    /// <see cref="ModelRateLimits"/>, which share it as one budget; over it, 429 <c>rate_limit_exceeded</c>.</summary>
    /// <value>Defaults to 10,000.</value>
    public int RequestsPerMinute { get; set; } = 10_000;

    /// <summary>The tokens-per-minute limit (<c>x-ratelimit-limit-tokens</c>) of every model not in
    /// <see cref="ModelRateLimits"/>, which share it as one budget. A request costs its prompt tokens plus
    /// <c>n × max_tokens</c> (or the tokens generated when there is no <c>max_tokens</c>).</summary>
    /// <value>Defaults to 10,000,000.</value>
    public int TokensPerMinute { get; set; } = 10_000_000;

    /// <summary>Rate budgets per model, as the API sets them: a model listed here is limited by its own RPM/TPM, and the
    /// <c>x-ratelimit-*</c> headers of its responses describe its own budget. A dated snapshot
    /// (<c>gpt-4o-mini-2024-07-18</c>) shares the budget of its alias (<c>gpt-4o-mini</c>) when only the alias is listed.
    /// Models not listed share the budget of <see cref="RequestsPerMinute"/> / <see cref="TokensPerMinute"/>.</summary>
    /// <value>Empty by default (ordinal model names).</value>
    public IDictionary<string, EmulatorRateLimit> ModelRateLimits { get; } = new System.Collections.Concurrent.ConcurrentDictionary<string, EmulatorRateLimit>(StringComparer.Ordinal);

    /// <summary>How the per-minute limits are enforced: a bucket holding the whole minute (the default), or short
    /// windows with a burst capacity of one second's worth as the API does (<see cref="EmulatorRateLimitMode.ShortWindows"/>),
    /// where a burst that the <c>x-ratelimit-remaining-*</c> headers would allow is still answered with 429s.</summary>
    /// <value>Defaults to <see cref="EmulatorRateLimitMode.MinuteBucket"/>.</value>
    public EmulatorRateLimitMode RateLimitMode { get; set; }

    /// <summary>The wait between two stream events, so a stream arrives token by token like a model's.</summary>
    /// <value>Defaults to zero.</value>
    public TimeSpan ChunkDelay { get; set; }

    /// <summary>How many requests <see cref="Requests"/> keeps; the oldest are dropped past it, so a long-running
    /// emulator does not grow without bound.</summary>
    /// <value>Defaults to 10,000.</value>
    public int MaxRecordedRequests { get; set; } = 10_000;

    /// <summary>The largest file one <c>POST /v1/files</c> takes (the API's 512 MB); over it, 400 <c>file_too_large</c>.</summary>
    /// <value>Defaults to 512 MB.</value>
    public long MaxFileBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>
    /// Files (and completed uploads) up to this size keep their bytes, for <c>GET /v1/files/{id}/content</c> and the
    /// training-data check of fine-tuning jobs; larger ones are read to their end, measured and stored without their
    /// bytes, so uploading hundreds of megabytes does not hold them in memory.
    /// </summary>
    /// <value>Defaults to 16 MB.</value>
    public long MaxStoredFileBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>The training steps of an emulated fine-tuning job (one metrics event each).</summary>
    /// <value>Defaults to 10.</value>
    public int FineTuningSteps { get; set; } = 10;

    /// <summary>The time of one fine-tuning step on <see cref="TimeProvider"/>; validating the files and queueing take two steps each.</summary>
    /// <value>Defaults to 200 ms, so a job succeeds in under 3 seconds of real time.</value>
    public TimeSpan FineTuningStepDuration { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Raised for every request received, before it is answered (on the thread serving it).</summary>
    public event EventHandler<EmulatedRequest>? RequestReceived;

    /// <summary>The requests received so far, oldest first (a snapshot; at most <see cref="MaxRecordedRequests"/>).</summary>
    public IReadOnlyList<EmulatedRequest> Requests => _recorder.Snapshot();

    /// <summary>Queues responses for the next requests, one each, before the <see cref="When"/> rules and the default answer.</summary>
    /// <param name="responses">The responses, in order.</param>
    public void Enqueue(params EmulatorResponse[] responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        foreach (var response in responses)
        {
            ArgumentNullException.ThrowIfNull(response);
        }

        _scripts.Enqueue(responses);
    }

    /// <summary>Answers requests that match <paramref name="predicate"/> with <paramref name="response"/>; rules are tried in
    /// the order they were added, after the queue.</summary>
    /// <param name="predicate">Which requests the rule applies to.</param>
    /// <param name="response">The response.</param>
    /// <param name="times">How many requests the rule answers; unlimited when <see langword="null"/>.</param>
    /// <returns>This emulator, to chain calls.</returns>
    public ChatGptEmulator When(Func<EmulatedRequest, bool> predicate, EmulatorResponse response, int? times = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentNullException.ThrowIfNull(response);
        if (times is int t)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(t, nameof(times));
        }

        _scripts.AddRule(predicate, response, times);
        return this;
    }

    /// <summary>Forgets recorded requests, queued responses, rules and rate-limit usage.</summary>
    public void Reset()
    {
        _recorder.Clear();
        _scripts.Clear();
        RateLimits.Reset();
    }

    /// <summary>Creates an <see cref="HttpClient"/> served in memory by this emulator, with
    /// <see cref="HttpClient.BaseAddress"/> <c>http://localhost/v1/</c>.</summary>
    /// <returns>The client; dispose it when done.</returns>
    public HttpClient CreateHttpClient() => new(new ChatGptEmulatorHandler(this)) { BaseAddress = new Uri("http://localhost/v1/") };

    /// <summary>The rate limits (per-minute buckets, 429s and <c>x-ratelimit-*</c> headers) the endpoints apply.</summary>
    internal EmulatorRateLimits RateLimits { get; }

    /// <summary>The files of <c>/v1/files</c> and completed uploads.</summary>
    internal EmulatorFileStore FileStore { get; } = new();

    /// <summary>The fine-tuning jobs, oldest first; lock the list to use it.</summary>
    internal List<EmulatorFineTuningJob> FineTuningJobs { get; } = [];

    /// <summary>Lists a succeeded job's model in <see cref="Models"/>, so it is served and answers chat requests.</summary>
    internal void AddFineTunedModel(string model)
    {
        lock (Models)
        {
            if (!Models.Contains(model))
            {
                Models.Add(model);
            }
        }
    }

    /// <summary>The routes served, for tests and diagnostics.</summary>
    internal IEnumerable<EmulatorRoute> Routes => _router.Routes;

    /// <summary>Answers one request: what every endpoint shares (routing, body reading, recording, authentication,
    /// scripts, common headers, transport faults) happens here; the rest is the matched endpoint's.</summary>
    internal async Task<ResponsePlan> ProcessAsync(IncomingRequest incoming, CancellationToken cancellationToken)
    {
        var started = TimeProvider.GetTimestamp();
        var now = TimeProvider.GetUtcNow();
        var sequence = Interlocked.Increment(ref _sequence);
        var match = _router.Match(incoming.Method, incoming.Path);

        // JSON bodies are read whole (and recorded); streamed bodies (uploads) are left to the endpoint, unrecorded.
        byte[] body = [];
        ApiErrorException? bodyError = null;
        if (match?.Route.Body == RequestBodyKind.Json)
        {
            try
            {
                body = await incoming.Body.ReadAllAsync(RequestBody.MaxJsonBytes, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiErrorException error)
            {
                bodyError = error;
            }
        }

        var recorded = _recorder.Record(incoming, body, now, MaxRecordedRequests);
        RequestReceived?.Invoke(this, recorded);

        EmulatorResponse? script = null;
        ResponsePlan plan;
        try
        {
            if (match is null)
            {
                throw new ApiErrorException(404, $"Invalid URL ({incoming.Method.ToUpperInvariant()} {incoming.Path})");
            }

            if (bodyError is not null)
            {
                throw bodyError;
            }

            ApiKeyAuthenticator.Check(incoming, RequireApiKey, ApiKey);
            script = _scripts.Take(recorded);
            if (script is not null && ScriptedResponses.IsStandalone(script))
            {
                plan = ScriptedResponses.Plan(script, recorded, sequence, now, RateLimits);
            }
            else
            {
                var json = match.Route.Body == RequestBodyKind.Json ? RequestValidator.ParseBody(body) : (System.Text.Json.JsonElement?)null;
                var stream = match.Route.Body == RequestBodyKind.Stream ? incoming.Body.OpenRead(cancellationToken) : null;
                var request = new EndpointRequest(incoming, match.Route, match.Values, recorded, json, stream, script, sequence, now);
                plan = await match.Endpoint.HandleAsync(request, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ApiErrorException error)
        {
            plan = ResponsePlan.Error(error.StatusCode, error.Message, error.Type, error.Param, error.Code);
        }

        plan.SetHeader("x-request-id", EmulatorIds.RequestId(sequence));
        plan.SetHeader("openai-organization", EmulatorRateLimits.Organization);
        plan.SetHeader("openai-version", "2020-10-01");
        plan.ChunkDelay = ChunkDelay;
        if (script is not null)
        {
            ScriptedResponses.ApplyModifiers(plan, script);
        }

        if (plan.FirstByteDelay > TimeSpan.Zero)
        {
            await Task.Delay(plan.FirstByteDelay, TimeProvider, cancellationToken).ConfigureAwait(false);
        }

        var elapsed = TimeProvider.GetElapsedTime(started);
        plan.SetHeader("openai-processing-ms", ((long)elapsed.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        return plan;
    }
}
