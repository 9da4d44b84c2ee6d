namespace ChatGpt.Resilience.Internal;

/// <summary>The state of one budget in <see cref="ChatGptInProcessRateBudgetStore"/>: its two dimensions, the server's
/// pause, and the cold-start probe. Not thread-safe: the store holds its account's lock.</summary>
internal sealed class RateBudgetState
{
    /// <summary>The longest pause a report can impose: one window of the per-minute limits.</summary>
    public const double MaxPauseSeconds = 60;

    public TokenBucket Requests { get; } = new();

    public TokenBucket Tokens { get; } = new();

    /// <summary>Until when the server asked to hold every call (seconds on the store's clock).</summary>
    public double PausedUntil { get; set; } = double.NegativeInfinity;

    /// <summary>Until when the probe granted last may still be on its way.</summary>
    public double ProbeUntil { get; set; } = double.NegativeInfinity;

    /// <summary>Until when the server's word that it has no limits holds.</summary>
    public double UnlimitedUntil { get; set; } = double.NegativeInfinity;

    public bool IsLimited => Requests.IsLimited || Tokens.IsLimited;

    /// <summary>Applies the caller's configured limits, drops expired learned ones and refills.</summary>
    public void Prepare(int? requestsPerMinute, int? tokensPerMinute, ChatGptRateBudgetPolicy policy, double now)
    {
        var lifetime = policy.LearnedLifetime.TotalSeconds;
        Requests.Expire(now, lifetime);
        Tokens.Expire(now, lifetime);
        Requests.BurstGrowthPerSecond = Tokens.BurstGrowthPerSecond = Math.Max(1, policy.BurstGrowthPerSecond);
        Requests.Configure(requestsPerMinute, now);
        Tokens.Configure(tokensPerMinute, now);
    }

    /// <summary>Whether the budget is cold: nothing known and the policy learns, so the next call must probe.</summary>
    public bool IsCold(ChatGptRateBudgetPolicy policy, double now) => policy.Learn && !IsLimited && now >= UnlimitedUntil;

    public ChatGptRateBudgetPhase Phase(ChatGptRateBudgetPolicy policy, double now) =>
        IsLimited ? ChatGptRateBudgetPhase.Limited
        : !IsCold(policy, now) ? ChatGptRateBudgetPhase.Unlimited
        : now < ProbeUntil ? ChatGptRateBudgetPhase.Probing
        : ChatGptRateBudgetPhase.Cold;

    public ChatGptRateBudgetSnapshot Snapshot(string modelGroup, ChatGptRateBudgetPolicy policy, double now)
    {
        var learnedAge = Requests.IsLearned ? Requests.LearnedAge(now) : Tokens.IsLearned ? Tokens.LearnedAge(now) : (double?)null;
        return new ChatGptRateBudgetSnapshot
        {
            ModelGroup = modelGroup,
            Phase = Phase(policy, now),
            RequestLimit = Requests.IsLimited ? Saturate(Requests.Capacity) : null,
            RequestWindow = Requests.Window,
            TokenLimit = Tokens.IsLimited ? Saturate(Tokens.Capacity) : null,
            TokenWindow = Tokens.Window,
            RequestsAvailable = Requests.IsLimited ? Requests.Available : null,
            TokensAvailable = Tokens.IsLimited ? Tokens.Available : null,
            IsLearned = Requests.IsLearned || Tokens.IsLearned,
            LearnedAge = learnedAge is { } age ? TimeSpan.FromSeconds(Math.Max(0, age)) : null,
            IsThrottled = Requests.IsThrottled || Tokens.IsThrottled,
        };
    }

    private static long Saturate(double value) => value >= long.MaxValue ? long.MaxValue : (long)Math.Ceiling(value);
}
