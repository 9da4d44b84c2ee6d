using System.Text.RegularExpressions;

namespace ChatGpt.Testing.Internal;

/// <summary>The emulator's RPM/TPM enforcement: one <see cref="ModelBudget"/> per model listed in
/// <see cref="ChatGptEmulator.ModelRateLimits"/> (a dated snapshot shares its alias's), and one shared by every other
/// model with the emulator's default limits. Thread-safe.</summary>
internal sealed partial class RateLimitEnforcer
{
    private const string DefaultBudget = "\0";  // no model is named this

    private readonly ChatGptEmulator _owner;
    private readonly Lock _gate = new();

    // Bounded: one entry per configured model plus the default budget.
    private readonly Dictionary<string, ModelBudget> _budgets = new(StringComparer.Ordinal);

    public RateLimitEnforcer(ChatGptEmulator owner) => _owner = owner;

    /// <summary>Charges one request of <paramref name="cost"/> tokens to <paramref name="model"/>'s budget, or returns the
    /// 429 that the API would answer (with the budget's headers) and charges nothing.</summary>
    public ResponsePlan? TryAcquire(string model, long cost, DateTimeOffset now)
    {
        lock (_gate)
        {
            var budget = Budget(model, now);
            if (!budget.HasRequestRoom(now, out var requestWait))
            {
                var plan = Rejection(
                    $"Rate limit reached for {model} in organization {ChatGptEmulator.Organization} on requests per min (RPM): Limit {budget.RequestsPerMinute}, Used {budget.RequestsUsed}, Requested 1. Please try again in {DurationFormat.Format(requestWait)}. {ChatGptEmulator.RateLimitDocs}",
                    "requests");
                ChatGptEmulator.AddRetryAfter(plan, requestWait);
                budget.WriteHeaders(plan, now);
                return plan;
            }

            if (!budget.HasTokenRoom(cost, now, out var tokenWait))
            {
                var tooLarge = cost > budget.TokensPerMinute;
                var plan = Rejection(
                    tooLarge
                        ? $"Request too large for {model} in organization {ChatGptEmulator.Organization} on tokens per min (TPM): Limit {budget.TokensPerMinute}, Requested {cost}. The input or output tokens must be reduced in order to run successfully. {ChatGptEmulator.RateLimitDocs}"
                        : $"Rate limit reached for {model} in organization {ChatGptEmulator.Organization} on tokens per min (TPM): Limit {budget.TokensPerMinute}, Used {budget.TokensUsed}, Requested {cost}. Please try again in {DurationFormat.Format(tokenWait)}. {ChatGptEmulator.RateLimitDocs}",
                    "tokens");
                if (!tooLarge)
                {
                    ChatGptEmulator.AddRetryAfter(plan, tokenWait);
                }

                budget.WriteHeaders(plan, now);
                return plan;
            }

            budget.Take(cost);
            return null;
        }
    }

    /// <summary>Adds the <c>x-ratelimit-*</c> headers of <paramref name="model"/>'s budget.</summary>
    public void WriteHeaders(ResponsePlan plan, string model, DateTimeOffset now)
    {
        lock (_gate)
        {
            Budget(model, now).WriteHeaders(plan, now);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _budgets.Clear();
        }
    }

    private static ResponsePlan Rejection(string message, string type) =>
        ResponsePlan.Json(429, ResponseWriter.Error(message, type, null, "rate_limit_exceeded"));

    private ModelBudget Budget(string model, DateTimeOffset now)
    {
        var (key, requests, tokens) = Limits(model);
        var mode = _owner.RateLimitMode;

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
        var limits = _owner.ModelRateLimits;
        if (limits.TryGetValue(model, out var own))
        {
            return (model, own.RequestsPerMinute, own.TokensPerMinute);
        }

        // A dated snapshot (gpt-4o-mini-2024-07-18) is limited with its alias (gpt-4o-mini), as the API pools them.
        if (DatedSnapshot().Match(model) is { Success: true } match && limits.TryGetValue(match.Groups[1].Value, out var alias))
        {
            return (match.Groups[1].Value, alias.RequestsPerMinute, alias.TokensPerMinute);
        }

        return (DefaultBudget, Math.Max(1, _owner.RequestsPerMinute), Math.Max(1, _owner.TokensPerMinute));
    }

    [GeneratedRegex(@"^(.+)-\d{4}-\d{2}-\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DatedSnapshot();
}
