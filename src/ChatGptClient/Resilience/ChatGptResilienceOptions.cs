using ChatGpt.Resilience.Internal;

namespace ChatGpt.Resilience;

/// <summary>Retry, rate-limit and timeout settings of the pipeline registered by <c>AddChatGpt</c>.</summary>
/// <remarks>
/// <para>The total time of a call, retries and waits included, is <see cref="ChatGptOptions.Timeout"/>.</para>
/// <para>Retries follow the server: <c>x-should-retry</c> decides when present; otherwise 408, 409, 429 (except
/// <c>insufficient_quota</c>), 5xx (except 501 and 505), connection failures and attempt timeouts are retried. The wait is
/// the server's <c>retry-after-ms</c> / <c>Retry-After</c> when given, else (for 429) the <c>x-ratelimit-reset-*</c>
/// hint, else exponential backoff with jitter. A server wait longer than <see cref="MaxDelay"/> or than what is left of
/// the total timeout fails the call at once with a <see cref="ChatGptException"/> carrying
/// <see cref="ChatGptException.RetryAfter"/>.</para>
/// </remarks>
public sealed class ChatGptResilienceOptions
{
    /// <summary>Whether <c>AddChatGpt</c> adds the resilience pipeline.</summary>
    /// <value>Defaults to <see langword="true"/>. Turn it off to add your own pipeline to the returned builder.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>How many times a failed attempt is retried (0 disables retries).</summary>
    /// <value>Defaults to 3, as openai-dotnet (the Python and Node SDKs use 2).</value>
    public int MaxRetries { get; set; } = ChatGptResilienceDefaults.MaxRetries;

    /// <summary>The first backoff wait when the server gave none; each retry doubles it, up to <see cref="MaxDelay"/>.</summary>
    /// <value>Defaults to 0.5 seconds, as the official SDKs.</value>
    public TimeSpan BaseDelay { get; set; } = ChatGptResilienceDefaults.BaseDelay;

    /// <summary>The longest single wait between attempts, whether the server asked for it or backoff computed it.</summary>
    /// <value>Defaults to 60 seconds. A server that asks for more fails the call at once (see
    /// <see cref="ChatGptException.RetryAfter"/>) instead of holding it.</value>
    public TimeSpan MaxDelay { get; set; } = ChatGptResilienceDefaults.MaxDelay;

    /// <summary>Whether backoff waits are randomized so that many clients do not retry in lockstep.</summary>
    /// <value>Defaults to <see langword="true"/>: each backoff wait is between 75 % and 100 % of its step. Waits the
    /// server asked for are never shortened.</value>
    public bool UseJitter { get; set; } = true;

    /// <summary>The most time one attempt may take until the response headers arrive.</summary>
    /// <value>Defaults to 5 minutes: a long non-streaming completion legitimately takes minutes (the generic
    /// <c>AddStandardResilienceHandler</c> default of 10 seconds would cut it), and half of the default total timeout
    /// leaves room for one retry after a hung attempt. <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>
    /// disables it.</value>
    public TimeSpan AttemptTimeout { get; set; } = ChatGptResilienceDefaults.AttemptTimeout;

    /// <summary>The longest wait between two events of a streamed response before the stream is abandoned.</summary>
    /// <value>Defaults to 5 minutes: reasoning models may think for minutes before their first token. A stream is bounded
    /// by this idle time rather than by a total, which would cut a long answer.
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> disables it.</value>
    public TimeSpan StreamIdleTimeout { get; set; } = ChatGptResilienceDefaults.StreamIdleTimeout;

    /// <summary>The client-side limit of requests per minute for the account as a whole (every model), shared by every
    /// client of the process that uses the same base address, API key, organization and project.</summary>
    /// <value>Defaults to <see langword="null"/>: no configured limit (the limit may still be learned, see
    /// <see cref="AdaptiveRateLimiting"/>).</value>
    public int? RequestsPerMinute { get; set; }

    /// <summary>The client-side limit of tokens per minute for the account as a whole (every model). A request's cost is estimated before sending (prompt tokens
    /// counted with the model's tokenizer, plus <c>max_tokens</c> / <c>max_completion_tokens</c>) and corrected from the
    /// response's <c>usage</c>.</summary>
    /// <value>Defaults to <see langword="null"/>: no configured limit.</value>
    public int? TokensPerMinute { get; set; }

    /// <summary>How many requests may wait for the rate limiter; more fail at once with
    /// <see cref="ChatGptRateLimitRejectedException"/>.</summary>
    /// <value>Defaults to 1000. 0 means requests never wait: they pass or are rejected.</value>
    public int QueueLimit { get; set; } = ChatGptResilienceDefaults.QueueLimit;

    /// <summary>Whether the rate limiter learns the real limits and the remaining budget from the
    /// <c>x-ratelimit-*</c> response headers, so that a client that does not know its tier stays under it.</summary>
    /// <value>Defaults to <see langword="true"/>. Learning only ever tightens the configured limits. When it is off and
    /// no limit is configured, the limiter is off.</value>
    public bool AdaptiveRateLimiting { get; set; } = true;

    /// <summary>How fast the pace of a learned budget grows while the server accepts it: after a first burst of
    /// (nearly) one second's worth, the allowance is multiplied by this each second until the server answers 429 or
    /// the whole limit is reached. The server's headers do not say whether it enforces its per-minute limits over short
    /// windows (as OpenAI does) or as a full-minute bucket; the default probes upward slowly so that the first kind is
    /// not flooded. Raise it for a server known to keep a full-minute bucket; 1 keeps the pace at one second's worth.</summary>
    /// <value>Defaults to 1.25. At least 1, at most 1000.</value>
    public double BurstGrowthPerSecond { get; set; } = ChatGptRateBudgetPolicy.DefaultBurstGrowthPerSecond;

    /// <summary>Configured limits per model, as OpenAI sets them: the key is a model (<c>gpt-4o-mini</c>, which also
    /// covers its dated snapshots) or a budget group of <see cref="ModelBudgetGroups"/>.</summary>
    /// <value>Empty by default: each model's limits are learned from its own responses. A configured limit is an upper
    /// bound on what is learned.</value>
    /// <remarks>Each model has its own budget (and its own cold start); <see cref="RequestsPerMinute"/> and
    /// <see cref="TokensPerMinute"/> still bound the account as a whole.</remarks>
    public IDictionary<string, ChatGptModelRateLimit> ModelRateLimits { get; } = new Dictionary<string, ChatGptModelRateLimit>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Puts models into a shared budget where the provider pools their limits: model name to group name.</summary>
    /// <value>Empty by default: a model's budget is its own, shared only with its dated snapshots
    /// (<c>gpt-4o-mini-2024-07-18</c> counts as <c>gpt-4o-mini</c>). With an Azure OpenAI deployment URL the budget is
    /// the deployment.</value>
    /// <remarks>Configuration keys cannot hold <c>:</c> (the section separator): map a model such as <c>llama3.1:8b</c>
    /// in code.</remarks>
    public IDictionary<string, string> ModelBudgetGroups { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a rate limiter is needed at all.</summary>
    internal bool RateLimitingActive => AdaptiveRateLimiting || RequestsPerMinute.HasValue || TokensPerMinute.HasValue || ModelRateLimits.Count > 0;
}
