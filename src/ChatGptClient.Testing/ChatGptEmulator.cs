using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    internal const string Organization = "org-emulator";
    internal const string RateLimitDocs = "Visit https://platform.openai.com/account/rate-limits to learn more.";

    private readonly Lock _gate = new();
    private readonly List<EmulatedRequest> _requests = [];
    private readonly Queue<EmulatorResponse> _queue = new();
    private readonly List<Rule> _rules = [];
    private readonly RateLimitEnforcer _rateLimits;
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
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        TimeProvider = timeProvider;
        _rateLimits = new RateLimitEnforcer(this);
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

    /// <summary>Raised for every request received, before it is answered (on the thread serving it).</summary>
    public event EventHandler<EmulatedRequest>? RequestReceived;

    /// <summary>The requests received so far, oldest first (a snapshot; at most <see cref="MaxRecordedRequests"/>).</summary>
    public IReadOnlyList<EmulatedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Queues responses for the next requests, one each, before the <see cref="When"/> rules and the default answer.</summary>
    /// <param name="responses">The responses, in order.</param>
    public void Enqueue(params EmulatorResponse[] responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        lock (_gate)
        {
            foreach (var response in responses)
            {
                ArgumentNullException.ThrowIfNull(response);
                _queue.Enqueue(response);
            }
        }
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

        lock (_gate)
        {
            _rules.Add(new Rule(predicate, response, times));
        }

        return this;
    }

    /// <summary>Forgets recorded requests, queued responses, rules and rate-limit usage.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _requests.Clear();
            _queue.Clear();
            _rules.Clear();
        }

        _rateLimits.Reset();
    }

    /// <summary>Creates an <see cref="HttpClient"/> served in memory by this emulator, with
    /// <see cref="HttpClient.BaseAddress"/> <c>http://localhost/v1/</c>.</summary>
    /// <returns>The client; dispose it when done.</returns>
    public HttpClient CreateHttpClient() => new(new ChatGptEmulatorHandler(this)) { BaseAddress = new Uri("http://localhost/v1/") };

    internal async Task<ResponsePlan> ProcessAsync(IncomingRequest incoming, CancellationToken cancellationToken)
    {
        var started = TimeProvider.GetTimestamp();
        var now = TimeProvider.GetUtcNow();
        var recorded = Record(incoming, now);
        long sequence;
        lock (_gate)
        {
            sequence = ++_sequence;
        }

        EmulatorResponse? script = null;
        ResponsePlan plan;
        try
        {
            var path = incoming.Path.Length > 1 ? incoming.Path.TrimEnd('/') : incoming.Path;
            var route = (incoming.Method.ToUpperInvariant(), path) switch
            {
                ("POST", "/v1/chat/completions") => Route.Chat,
                ("POST", "/v1/completions") => Route.Completions,
                ("GET", "/v1/models") => Route.Models,
                ("GET", _) when path.StartsWith("/v1/models/", StringComparison.Ordinal) && path.Length > "/v1/models/".Length => Route.Model,
                _ => Route.NotFound,
            };
            if (route == Route.NotFound)
            {
                throw new ApiErrorException(404, $"Invalid URL ({incoming.Method.ToUpperInvariant()} {incoming.Path})");
            }

            CheckAuthorization(incoming);
            script = TakeScript(recorded);
            plan = script?.Kind switch
            {
                EmulatorResponseKind.Error or EmulatorResponseKind.RateLimited or EmulatorResponseKind.Raw or EmulatorResponseKind.Malformed =>
                    ScriptedPlan(script, recorded, sequence, now),
                _ => route switch
                {
                    Route.Chat => Chat(incoming.Body, script, sequence, now),
                    Route.Completions => Completions(incoming.Body, script, sequence, now),
                    Route.Models => ResponsePlan.Json(200, ResponseWriter.Models(Snapshot(Models), ModelCreated)),
                    _ => RetrieveModel(Uri.UnescapeDataString(path["/v1/models/".Length..])),
                },
            };
        }
        catch (ApiErrorException error)
        {
            plan = ErrorPlan(error.StatusCode, error.Message, error.Type, error.Param, error.Code);
        }

        plan.SetHeader("x-request-id", RequestId(sequence));
        plan.SetHeader("openai-organization", Organization);
        plan.SetHeader("openai-version", "2020-10-01");
        plan.ChunkDelay = ChunkDelay;
        if (script is not null)
        {
            ApplyModifiers(plan, script);
        }

        if (plan.FirstByteDelay > TimeSpan.Zero)
        {
            await Task.Delay(plan.FirstByteDelay, TimeProvider, cancellationToken).ConfigureAwait(false);
        }

        var elapsed = TimeProvider.GetElapsedTime(started);
        plan.SetHeader("openai-processing-ms", ((long)elapsed.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        return plan;
    }

    private static long ModelCreated => 1_700_000_000;

    private static List<string> Snapshot(IList<string> models)
    {
        lock (models)
        {
            return [.. models];
        }
    }

    private static ResponsePlan ErrorPlan(int status, string message, string type, string? param, string? code) =>
        ResponsePlan.Json(status, ResponseWriter.Error(message, type, param, code));

    private static string RequestId(long sequence)
    {
        var builder = new StringBuilder("req_", 36);
        for (var i = 0; i < 4; i++)
        {
            builder.Append(StableHash.Of(string.Create(CultureInfo.InvariantCulture, $"req{sequence}/{i}")).ToString("x8", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private static string ObjectId(string prefix, long sequence)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var builder = new StringBuilder(prefix, prefix.Length + 29);
        var hash = StableHash.Of(string.Create(CultureInfo.InvariantCulture, $"{prefix}{sequence}"));
        for (var i = 0; i < 24; i++)
        {
            hash = (hash * 1103515245u) + 12345u;
            builder.Append(alphabet[(int)((hash >> 16) % (uint)alphabet.Length)]);
        }

        return builder.ToString();
    }

    private static string ApplyLimits(string text, IReadOnlyList<string> stop, int? maxTokens, string defaultFinish, out string finishReason)
    {
        finishReason = defaultFinish;
        var cut = -1;
        foreach (var sequence in stop)
        {
            var index = text.IndexOf(sequence, StringComparison.Ordinal);
            if (index >= 0 && (cut < 0 || index < cut))
            {
                cut = index;
            }
        }

        if (cut >= 0)
        {
            text = text[..cut];
            finishReason = "stop";
        }

        if (maxTokens is int max)
        {
            text = TokenCounter.Truncate(text, max, out var truncated);
            if (truncated)
            {
                finishReason = "length";
            }
        }

        return text;
    }

    private static int CountChatPrompt(ChatRequest request)
    {
        // OpenAI's documented estimate: 3 tokens of framing per message (+1 per name), 3 to prime the reply.
        var total = 3;
        foreach (var message in request.Messages)
        {
            total += 3 + TokenCounter.Count(message.Role) + TokenCounter.Count(message.Text);
            if (message.Name is not null)
            {
                total += 1 + TokenCounter.Count(message.Name);
            }

            foreach (var call in message.ToolCalls)
            {
                total += 3 + TokenCounter.Count(call.Name) + TokenCounter.Count(call.Arguments);
            }
        }

        foreach (var tool in request.Tools)
        {
            total += 8 + TokenCounter.Count(tool.Name) + TokenCounter.Count(tool.Description) + TokenCounter.Count(tool.Parameters?.GetRawText());
        }

        return total;
    }

    private void CheckAuthorization(IncomingRequest incoming)
    {
        if (ApiKey is null && !RequireApiKey)
        {
            return;
        }

        var authorization = incoming.Headers.FirstOrDefault(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)).Value;
        var key = authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
        if (string.IsNullOrEmpty(key))
        {
            throw new ApiErrorException(
                401,
                "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.");
        }

        if (ApiKey is not null && !string.Equals(key, ApiKey, StringComparison.Ordinal))
        {
            // Like the API, show only the ends of the key, never the whole of it.
            var masked = key.Length >= 12 ? string.Concat(key.AsSpan(0, 3), new string('*', key.Length - 7), key.AsSpan(key.Length - 4)) : "***";
            throw new ApiErrorException(401, $"Incorrect API key provided: {masked}. You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error", null, "invalid_api_key");
        }
    }

    private EmulatedRequest Record(IncomingRequest incoming, DateTimeOffset now)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in incoming.Headers)
        {
            var recordedValue = name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || name.Equals("api-key", StringComparison.OrdinalIgnoreCase) ? "[redacted]" : value;
            headers[name] = headers.TryGetValue(name, out var existing) ? existing + ", " + recordedValue : recordedValue;
        }

        JsonNode? body = null;
        if (incoming.Body.Length > 0)
        {
            try
            {
                body = JsonNode.Parse(incoming.Body);
            }
            catch (JsonException)
            {
                body = null;
            }
        }

        var request = new EmulatedRequest(incoming.Method.ToUpperInvariant(), incoming.Path, incoming.Query, headers, Encoding.UTF8.GetString(incoming.Body), body, now);
        lock (_gate)
        {
            _requests.Add(request);
            var excess = _requests.Count - Math.Max(0, MaxRecordedRequests);
            if (excess > 0)
            {
                _requests.RemoveRange(0, excess);
            }
        }

        RequestReceived?.Invoke(this, request);
        return request;
    }

    private EmulatorResponse? TakeScript(EmulatedRequest request)
    {
        lock (_gate)
        {
            if (_queue.TryDequeue(out var queued))
            {
                return queued;
            }

            for (var i = 0; i < _rules.Count; i++)
            {
                var rule = _rules[i];
                if (!rule.Predicate(request))
                {
                    continue;
                }

                if (rule.Remaining is int remaining)
                {
                    if (remaining <= 1)
                    {
                        _rules.RemoveAt(i);
                    }
                    else
                    {
                        _rules[i] = rule with { Remaining = remaining - 1 };
                    }
                }

                return rule.Response;
            }
        }

        return null;
    }

    private ResponsePlan ScriptedPlan(EmulatorResponse script, EmulatedRequest request, long sequence, DateTimeOffset now)
    {
        switch (script.Kind)
        {
            case EmulatorResponseKind.RateLimited:
                var wait = script.RetryAfter ?? TimeSpan.FromSeconds(1);
                var limit = RequestsPerMinute;
                var plan = ErrorPlan(
                    429,
                    $"Rate limit reached for {request.Model ?? "gpt-4o-mini"} in organization {Organization} on requests per min (RPM): Limit {limit}, Used {limit}, Requested 1. Please try again in {DurationFormat.Format(wait)}. {RateLimitDocs}",
                    "requests",
                    null,
                    "rate_limit_exceeded");
                AddRetryAfter(plan, wait);
                plan.SetHeader("x-ratelimit-limit-requests", limit.ToString(CultureInfo.InvariantCulture));
                plan.SetHeader("x-ratelimit-remaining-requests", "0");
                plan.SetHeader("x-ratelimit-reset-requests", DurationFormat.Format(wait));
                return plan;
            case EmulatorResponseKind.Raw:
                return ResponsePlan.Text(script.StatusCode, script.RawBody!, script.RawContentType);
            case EmulatorResponseKind.Malformed:
                var id = ObjectId("chatcmpl-", sequence);
                if (request.IsStreaming)
                {
                    var broken = Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\",\"object\":\"chat.completion.chunk\",\"created\":{now.ToUnixTimeSeconds()},\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"Hel");
                    return new ResponsePlan(200, ResponsePlan.EventStreamContentType, [broken, "[DONE]"u8.ToArray()], isEventStream: true);
                }

                return ResponsePlan.Json(200, ResponseWriter.Malformed(id));
            default:
                return ErrorPlan(script.StatusCode, script.ErrorMessage!, script.ErrorType!, script.ErrorParam, script.ErrorCode);
        }
    }

    internal static void AddRetryAfter(ResponsePlan plan, TimeSpan wait)
    {
        plan.SetHeader("retry-after", Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
        plan.SetHeader("retry-after-ms", Math.Max(0, (long)Math.Ceiling(wait.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture));
    }

    private static void ApplyModifiers(ResponsePlan plan, EmulatorResponse script)
    {
        plan.FirstByteDelay = script.FirstByteDelay;
        if (script.ChunkDelay is TimeSpan chunkDelay)
        {
            plan.ChunkDelay = chunkDelay;
        }

        plan.CutAfterChunks = script.CutAfterChunks;
        plan.StreamErrorAfterChunks = plan.IsEventStream ? script.StreamErrorAfterChunks : null;
        foreach (var (name, value) in script.ExtraHeaders)
        {
            plan.SetHeader(name, value);
        }

        foreach (var name in script.RemovedHeaders)
        {
            plan.RemoveHeader(name);
        }
    }

    private ResponsePlan RetrieveModel(string model)
    {
        if (!Snapshot(Models).Contains(model))
        {
            throw new ApiErrorException(404, $"The model '{model}' does not exist", "invalid_request_error", "model", "model_not_found");
        }

        return ResponsePlan.Json(200, ResponseWriter.Model(model, ModelCreated));
    }

    private void CheckModel(string model)
    {
        if (RejectUnknownModels && !Snapshot(Models).Contains(model))
        {
            throw new ApiErrorException(404, $"The model `{model}` does not exist or you do not have access to it.", "invalid_request_error", null, "model_not_found");
        }
    }

    private ResponsePlan Chat(byte[] body, EmulatorResponse? script, long sequence, DateTimeOffset now)
    {
        var request = RequestValidator.ReadChat(RequestValidator.ParseBody(body), AllowUnknownParameters);
        CheckModel(request.Model);
        request.PromptTokens = CountChatPrompt(request);
        var choices = GenerateChat(request, script, sequence);
        var completionTokens = choices.Sum(c => c.HasToolCalls ? c.ToolCalls.Sum(t => 3 + TokenCounter.Count(t.Name) + TokenCounter.Count(t.Arguments)) : TokenCounter.Count(c.Text));
        var cost = request.PromptTokens + (request.MaxTokens is int max ? (long)max * request.N : completionTokens);
        if (_rateLimits.TryAcquire(request.Model, cost, now) is { } limited)
        {
            return limited;
        }

        var usage = new UsageCounts(request.PromptTokens, completionTokens);
        var id = ObjectId("chatcmpl-", sequence);
        var created = now.ToUnixTimeSeconds();
        return Success(
            request.Model,
            request.Stream,
            () => ResponseWriter.ChatCompletionChunks(request, id, created, choices, usage),
            () => ResponseWriter.ChatCompletion(request, id, created, choices, usage),
            now);
    }

    private List<ChoiceResult> GenerateChat(ChatRequest request, EmulatorResponse? script, long sequence)
    {
        var choices = new List<ChoiceResult>(request.N);
        var last = request.Messages[^1];
        List<ToolCallResult>? toolCalls = null;
        string? text = null;
        var finish = "stop";
        if (script?.Kind == EmulatorResponseKind.ToolCall)
        {
            toolCalls = [new ToolCallResult(ObjectId("call_", sequence), script.ToolName!, script.ToolArguments!)];
        }
        else if (script?.Kind == EmulatorResponseKind.Text)
        {
            text = script.Content!;
            finish = script.FinishReason!;
        }
        else if (ToolPlanner.ChooseTools(request) is { Count: > 0 } tools)
        {
            toolCalls = [.. tools.Select((tool, i) => new ToolCallResult(ObjectId("call_", (sequence * 100) + i), tool.Name, ToolPlanner.BuildArguments(tool, last.Text)))];
        }
        else
        {
            text = last.Role == "tool" ? AnswerFromTools(request) : Responder.Reply(LastUserText(request), request.Model);
            text = request.ResponseFormat switch
            {
                "json_object" => ResponseWriter.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("response", text);
                    w.WriteEndObject();
                }) is var json ? Encoding.UTF8.GetString(json) : text,
                "json_schema" when request.ResponseSchema is JsonElement schema => ToolPlanner.BuildJson(schema, text),
                _ => text,
            };
        }

        for (var i = 0; i < request.N; i++)
        {
            if (toolCalls is not null)
            {
                choices.Add(new ChoiceResult(i, null, toolCalls, "tool_calls"));
            }
            else
            {
                var limited = ApplyLimits(text!, request.Stop, request.MaxTokens, finish, out var finishReason);
                choices.Add(new ChoiceResult(i, limited, [], finishReason));
            }
        }

        return choices;
    }

    private static string LastUserText(ChatRequest request)
    {
        for (var i = request.Messages.Count - 1; i >= 0; i--)
        {
            if (request.Messages[i].Role == "user")
            {
                return request.Messages[i].Text;
            }
        }

        return request.Messages[^1].Text;
    }

    private static string AnswerFromTools(ChatRequest request)
    {
        // The trailing tool messages answer calls of an earlier assistant message: name each result by its function.
        var names = request.Messages.SelectMany(m => m.ToolCalls).GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.Last().Name, StringComparer.Ordinal);
        var results = new List<(string Name, string Result)>();
        for (var i = request.Messages.Count - 1; i >= 0 && request.Messages[i].Role == "tool"; i--)
        {
            var message = request.Messages[i];
            var name = message.ToolCallId is not null && names.TryGetValue(message.ToolCallId, out var n) ? n : "the tool";
            results.Insert(0, (name, message.Text));
        }

        return Responder.AnswerFromTools(results);
    }

    private ResponsePlan Completions(byte[] body, EmulatorResponse? script, long sequence, DateTimeOffset now)
    {
        var request = RequestValidator.ReadCompletion(RequestValidator.ParseBody(body), AllowUnknownParameters);
        CheckModel(request.Model);
        request.PromptTokens = request.Prompts.Sum(TokenCounter.Count);
        var choices = new List<(ChoiceResult Choice, string Prompt)>();
        for (var p = 0; p < request.Prompts.Count; p++)
        {
            var prompt = request.Prompts[p];
            var text = script?.Kind == EmulatorResponseKind.Text ? script.Content! : Responder.Complete(prompt);
            var defaultFinish = script?.Kind == EmulatorResponseKind.Text ? script.FinishReason! : "stop";
            for (var i = 0; i < request.N; i++)
            {
                var limited = ApplyLimits(text, request.Stop, request.MaxTokens, defaultFinish, out var finishReason);
                choices.Add((new ChoiceResult((p * request.N) + i, limited, [], finishReason), prompt));
            }
        }

        var completionTokens = choices.Sum(c => TokenCounter.Count(c.Choice.Text));
        var cost = request.PromptTokens + ((long)request.MaxTokens * request.N * request.Prompts.Count);
        if (_rateLimits.TryAcquire(request.Model, cost, now) is { } limitedPlan)
        {
            return limitedPlan;
        }

        var usage = new UsageCounts(request.PromptTokens, completionTokens);
        var id = ObjectId("cmpl-", sequence);
        var created = now.ToUnixTimeSeconds();
        return Success(
            request.Model,
            request.Stream,
            () => ResponseWriter.CompletionChunks(request, id, created, choices, usage),
            () => ResponseWriter.Completion(request, id, created, choices, usage),
            now);
    }

    private ResponsePlan Success(string model, bool stream, Func<List<byte[]>> events, Func<byte[]> document, DateTimeOffset now)
    {
        var plan = stream
            ? new ResponsePlan(200, ResponsePlan.EventStreamContentType, events(), isEventStream: true)
            : ResponsePlan.Json(200, document());
        _rateLimits.WriteHeaders(plan, model, now);
        return plan;
    }

    private enum Route
    {
        NotFound,
        Chat,
        Completions,
        Models,
        Model,
    }

    private sealed record Rule(Func<EmulatedRequest, bool> Predicate, EmulatorResponse Response, int? Remaining);
}
