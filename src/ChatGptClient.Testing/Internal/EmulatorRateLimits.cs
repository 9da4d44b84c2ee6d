using System.Globalization;

namespace ChatGpt.Testing.Internal;

/// <summary>
/// The emulator's rate limits as the API applies them: a requests bucket and a tokens bucket per minute
/// (<see cref="ChatGptEmulator.RequestsPerMinute"/>, <see cref="ChatGptEmulator.TokensPerMinute"/>), the 429 bodies
/// and the <c>x-ratelimit-*</c> / <c>retry-after</c> headers. All rate-limit logic lives here and in
/// <see cref="RateLimitBucket"/>; endpoints call <see cref="TryReject"/> with their request's cost and
/// <see cref="AddHeaders"/> on success.
/// </summary>
internal sealed class EmulatorRateLimits
{
    public const string Organization = "org-emulator";
    private const string RateLimitDocs = "Visit https://platform.openai.com/account/rate-limits to learn more.";

    private readonly Lock _gate = new();
    private readonly ChatGptEmulator _emulator;
    private RateLimitBucket? _requestBucket;
    private RateLimitBucket? _tokenBucket;

    public EmulatorRateLimits(ChatGptEmulator emulator)
    {
        _emulator = emulator;
    }

    private int RequestsPerMinute => _emulator.RequestsPerMinute;

    private int TokensPerMinute => _emulator.TokensPerMinute;

    /// <summary>Forgets the usage (new full buckets on the next request).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _requestBucket = null;
            _tokenBucket = null;
        }
    }

    /// <summary>The 429 of <c>EmulatorResponse.RateLimited</c>: a request limit reached, retry after <paramref name="wait"/>.</summary>
    public ResponsePlan ScriptedRejection(string? model, TimeSpan wait)
    {
        var limit = RequestsPerMinute;
        var plan = ResponsePlan.Error(
            429,
            $"Rate limit reached for {model ?? "gpt-4o-mini"} in organization {Organization} on requests per min (RPM): Limit {limit}, Used {limit}, Requested 1. Please try again in {DurationFormat.Format(wait)}. {RateLimitDocs}",
            "requests",
            null,
            "rate_limit_exceeded");
        AddRetryAfter(plan, wait);
        plan.SetHeader("x-ratelimit-limit-requests", limit.ToString(CultureInfo.InvariantCulture));
        plan.SetHeader("x-ratelimit-remaining-requests", "0");
        plan.SetHeader("x-ratelimit-reset-requests", DurationFormat.Format(wait));
        return plan;
    }

    /// <summary>Takes one request and <paramref name="cost"/> tokens, or returns the 429 to answer when there is no room.</summary>
    public ResponsePlan? TryReject(string model, long cost, DateTimeOffset now)
    {
        lock (_gate)
        {
            EnsureBuckets(now);
            if (!_requestBucket!.HasRoom(1, now, out var requestWait))
            {
                var plan = ResponsePlan.Error(
                    429,
                    $"Rate limit reached for {model} in organization {Organization} on requests per min (RPM): Limit {_requestBucket.Limit}, Used {_requestBucket.Limit - _requestBucket.Remaining}, Requested 1. Please try again in {DurationFormat.Format(requestWait)}. {RateLimitDocs}",
                    "requests",
                    null,
                    "rate_limit_exceeded");
                AddRetryAfter(plan, requestWait);
                AddHeadersLocked(plan, now);
                return plan;
            }

            if (!_tokenBucket!.HasRoom(cost, now, out var tokenWait))
            {
                var message = cost > _tokenBucket.Limit
                    ? $"Request too large for {model} in organization {Organization} on tokens per min (TPM): Limit {_tokenBucket.Limit}, Requested {cost}. The input or output tokens must be reduced in order to run successfully. {RateLimitDocs}"
                    : $"Rate limit reached for {model} in organization {Organization} on tokens per min (TPM): Limit {_tokenBucket.Limit}, Used {_tokenBucket.Limit - _tokenBucket.Remaining}, Requested {cost}. Please try again in {DurationFormat.Format(tokenWait)}. {RateLimitDocs}";
                var plan = ResponsePlan.Error(429, message, "tokens", null, "rate_limit_exceeded");
                if (cost <= _tokenBucket.Limit)
                {
                    AddRetryAfter(plan, tokenWait);
                }

                AddHeadersLocked(plan, now);
                return plan;
            }

            _requestBucket.Take(1);
            _tokenBucket.Take(cost);
            return null;
        }
    }

    /// <summary>Adds the <c>x-ratelimit-*</c> headers of the current usage.</summary>
    public void AddHeaders(ResponsePlan plan, DateTimeOffset now)
    {
        lock (_gate)
        {
            EnsureBuckets(now);
            AddHeadersLocked(plan, now);
        }
    }

    private static void AddRetryAfter(ResponsePlan plan, TimeSpan wait)
    {
        plan.SetHeader("retry-after", Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
        plan.SetHeader("retry-after-ms", Math.Max(0, (long)Math.Ceiling(wait.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture));
    }

    private void AddHeadersLocked(ResponsePlan plan, DateTimeOffset now)
    {
        plan.SetHeader("x-ratelimit-limit-requests", _requestBucket!.Limit.ToString(CultureInfo.InvariantCulture));
        plan.SetHeader("x-ratelimit-limit-tokens", _tokenBucket!.Limit.ToString(CultureInfo.InvariantCulture));
        plan.SetHeader("x-ratelimit-remaining-requests", Math.Max(0, _requestBucket.Remaining).ToString(CultureInfo.InvariantCulture));
        plan.SetHeader("x-ratelimit-remaining-tokens", Math.Max(0, _tokenBucket.Remaining).ToString(CultureInfo.InvariantCulture));
        plan.SetHeader("x-ratelimit-reset-requests", DurationFormat.Format(_requestBucket.ResetIn(now)));
        plan.SetHeader("x-ratelimit-reset-tokens", DurationFormat.Format(_tokenBucket.ResetIn(now)));
    }

    private void EnsureBuckets(DateTimeOffset now)
    {
        if (_requestBucket is null || _requestBucket.Limit != RequestsPerMinute)
        {
            _requestBucket = new RateLimitBucket(Math.Max(1, RequestsPerMinute), now);
        }

        if (_tokenBucket is null || _tokenBucket.Limit != TokensPerMinute)
        {
            _tokenBucket = new RateLimitBucket(Math.Max(1, TokensPerMinute), now);
        }
    }
}
