using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatGpt.Testing.Internal;

/// <summary>
/// The emulator's rate limits as the API applies them: one <see cref="ModelBudget"/> per model listed in
/// <see cref="ChatGptEmulator.ModelRateLimits"/> (a dated snapshot shares its alias's) and one shared by every other model
/// (<see cref="ChatGptEmulator.RequestsPerMinute"/>, <see cref="ChatGptEmulator.TokensPerMinute"/>), enforced as
/// <see cref="ChatGptEmulator.RateLimitMode"/> says; the 429 bodies and the <c>x-ratelimit-*</c> / <c>retry-after</c>
/// headers. All rate-limit logic lives here, in <see cref="ModelBudget"/> and in <see cref="RateLimitBucket"/>; endpoints
/// call <see cref="TryReject"/> with their request's cost and <see cref="AddHeaders"/> on success. Thread-safe.
/// </summary>
internal sealed partial class EmulatorRateLimits
{
    public const string Organization = "org-emulator";
    private const string RateLimitDocs = "Visit https://platform.openai.com/account/rate-limits to learn more.";

    /// <summary>The key of the budget shared by the models not listed; no model is named this.</summary>
    private const string DefaultBudget = "\0";

    private readonly Lock _gate = new();
    private readonly ChatGptEmulator _emulator;

    // Bounded: one entry per configured model plus the default budget.
    private readonly Dictionary<string, ModelBudget> _budgets = new(StringComparer.Ordinal);

    public EmulatorRateLimits(ChatGptEmulator emulator)
    {
        _emulator = emulator;
    }

    /// <summary>Forgets the usage (new full buckets on the next request).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _budgets.Clear();
        }
    }

    /// <summary>The 429 of <c>EmulatorResponse.RateLimited</c>: a request limit reached, retry after <paramref name="wait"/>.</summary>
    public ResponsePlan ScriptedRejection(string? model, TimeSpan wait)
    {
        var limit = model is null ? _emulator.RequestsPerMinute : Limits(model).Requests;
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

    /// <summary>Charges one request and <paramref name="cost"/> tokens to <paramref name="model"/>'s budget, or returns the
    /// 429 to answer (with that budget's headers) and charges nothing.</summary>
    public ResponsePlan? TryReject(string model, long cost, DateTimeOffset now)
    {
        lock (_gate)
        {
            var budget = Budget(model, now);
            if (!budget.HasRequestRoom(now, out var requestWait))
            {
                var plan = ResponsePlan.Error(
                    429,
                    $"Rate limit reached for {model} in organization {Organization} on requests per min (RPM): Limit {budget.RequestsPerMinute}, Used {budget.RequestsUsed}, Requested 1. Please try again in {DurationFormat.Format(requestWait)}. {RateLimitDocs}",
                    "requests",
                    null,
                    "rate_limit_exceeded");
                AddRetryAfter(plan, requestWait);
                budget.WriteHeaders(plan, now);
                return plan;
            }

            if (!budget.HasTokenRoom(cost, now, out var tokenWait))
            {
                var tooLarge = cost > budget.TokensPerMinute;
                var message = tooLarge
                    ? $"Request too large for {model} in organization {Organization} on tokens per min (TPM): Limit {budget.TokensPerMinute}, Requested {cost}. The input or output tokens must be reduced in order to run successfully. {RateLimitDocs}"
                    : $"Rate limit reached for {model} in organization {Organization} on tokens per min (TPM): Limit {budget.TokensPerMinute}, Used {budget.TokensUsed}, Requested {cost}. Please try again in {DurationFormat.Format(tokenWait)}. {RateLimitDocs}";
                var plan = ResponsePlan.Error(429, message, "tokens", null, "rate_limit_exceeded");
                if (!tooLarge)
                {
                    AddRetryAfter(plan, tokenWait);
                }

                budget.WriteHeaders(plan, now);
                return plan;
            }

            budget.Take(cost);
            return null;
        }
    }

    /// <summary>Adds the <c>x-ratelimit-*</c> headers of <paramref name="model"/>'s budget.</summary>
    public void AddHeaders(ResponsePlan plan, string model, DateTimeOffset now)
    {
        lock (_gate)
        {
            Budget(model, now).WriteHeaders(plan, now);
        }
    }

    private static void AddRetryAfter(ResponsePlan plan, TimeSpan wait)
    {
        plan.SetHeader("retry-after", Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
        plan.SetHeader("retry-after-ms", Math.Max(0, (long)Math.Ceiling(wait.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture));
    }

    private ModelBudget Budget(string model, DateTimeOffset now)
    {
        var (key, requests, tokens) = Limits(model);
        var mode = _emulator.RateLimitMode;

        // Limits changed since the budget was made (a test set a property): start over with the new ones.
        if (!_budgets.TryGetValue(key, out var budget) || budget.RequestsPerMinute != requests || budget.TokensPerMinute != tokens || budget.Mode != mode)
        {
            budget = new ModelBudget(requests, tokens, mode, now);
            _budgets[key] = budget;
        }

        return budget;
    }

    private (string Key, int Requests, int Tokens) Limits(string model)
    {
        var limits = _emulator.ModelRateLimits;
        if (limits.TryGetValue(model, out var own))
        {
            return (model, own.RequestsPerMinute, own.TokensPerMinute);
        }

        // A dated snapshot (gpt-4o-mini-2024-07-18) is limited with its alias (gpt-4o-mini), as the API pools them.
        if (DatedSnapshot().Match(model) is { Success: true } match && limits.TryGetValue(match.Groups[1].Value, out var alias))
        {
            return (match.Groups[1].Value, alias.RequestsPerMinute, alias.TokensPerMinute);
        }

        return (DefaultBudget, Math.Max(1, _emulator.RequestsPerMinute), Math.Max(1, _emulator.TokensPerMinute));
    }

    [GeneratedRegex(@"^(.+)-\d{4}-\d{2}-\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DatedSnapshot();
}
