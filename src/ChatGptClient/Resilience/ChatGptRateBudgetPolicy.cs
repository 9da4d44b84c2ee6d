using System.Diagnostics.CodeAnalysis;

namespace ChatGpt.Resilience;

/// <summary>
/// The configured limits and learning rules a <see cref="IChatGptRateBudgetStore"/> applies to one budget, from the
/// client's <see cref="ChatGptResilienceOptions"/>. When several clients of the process configure the same budget, the
/// lowest limits win, so no client can spend another's share.
/// </summary>
[Experimental(ChatGptRateBudgetDiagnostics.ExperimentalId)]
public sealed record ChatGptRateBudgetPolicy
{
    /// <summary>The default of <see cref="LearnedLifetime"/>: one minute, the window of the limits that pace calls.</summary>
    public static readonly TimeSpan DefaultLearnedLifetime = TimeSpan.FromMinutes(1);

    /// <summary>The default of <see cref="ProbeTimeout"/>.</summary>
    public static readonly TimeSpan DefaultProbeTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The default of <see cref="BurstGrowthPerSecond"/>.</summary>
    public const double DefaultBurstGrowthPerSecond = 1.25;

    /// <summary>The configured requests per minute of this budget (its model group), if any.</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>The configured tokens per minute of this budget (its model group), if any.</summary>
    public int? TokensPerMinute { get; init; }

    /// <summary>The configured requests per minute of the whole account, if any: every call also takes from the
    /// account-wide budget (<see cref="ChatGptRateBudgetKey.AccountWide"/>).</summary>
    public int? AccountRequestsPerMinute { get; init; }

    /// <summary>The configured tokens per minute of the whole account, if any.</summary>
    public int? AccountTokensPerMinute { get; init; }

    /// <summary>Whether limits are learned from the server (<see cref="ChatGptResilienceOptions.AdaptiveRateLimiting"/>);
    /// when not, only configured limits apply and there is no cold-start probe.</summary>
    public bool Learn { get; init; } = true;

    /// <summary>How long learned limits hold without a report confirming them.</summary>
    /// <value>Defaults to <see cref="DefaultLearnedLifetime"/>.</value>
    public TimeSpan LearnedLifetime { get; init; } = DefaultLearnedLifetime;

    /// <summary>How long the cold-start probe may take before another caller probes instead.</summary>
    /// <value>Defaults to <see cref="DefaultProbeTimeout"/>.</value>
    public TimeSpan ProbeTimeout { get; init; } = DefaultProbeTimeout;

    /// <summary>How much a learned dimension's burst allowance grows each second without a 429 (see the store's rules).</summary>
    /// <value>Defaults to <see cref="DefaultBurstGrowthPerSecond"/>.</value>
    public double BurstGrowthPerSecond { get; init; } = DefaultBurstGrowthPerSecond;

    /// <summary>Whether the account-wide budget has a configured limit.</summary>
    public bool HasAccountLimits => AccountRequestsPerMinute.HasValue || AccountTokensPerMinute.HasValue;

    /// <summary>The policy that keeps the lower of each limit of two policies (and the shorter lifetimes).</summary>
    /// <param name="other">The other policy.</param>
    /// <returns>The combined policy.</returns>
    public ChatGptRateBudgetPolicy Tighten(ChatGptRateBudgetPolicy other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new ChatGptRateBudgetPolicy
        {
            RequestsPerMinute = Min(RequestsPerMinute, other.RequestsPerMinute),
            TokensPerMinute = Min(TokensPerMinute, other.TokensPerMinute),
            AccountRequestsPerMinute = Min(AccountRequestsPerMinute, other.AccountRequestsPerMinute),
            AccountTokensPerMinute = Min(AccountTokensPerMinute, other.AccountTokensPerMinute),
            Learn = Learn || other.Learn,
            LearnedLifetime = LearnedLifetime < other.LearnedLifetime ? LearnedLifetime : other.LearnedLifetime,
            ProbeTimeout = ProbeTimeout < other.ProbeTimeout ? ProbeTimeout : other.ProbeTimeout,
            BurstGrowthPerSecond = Math.Min(BurstGrowthPerSecond, other.BurstGrowthPerSecond),
        };
    }

    private static int? Min(int? a, int? b) => (a, b) switch
    {
        ({ } x, { } y) => Math.Min(x, y),
        _ => a ?? b,
    };
}
