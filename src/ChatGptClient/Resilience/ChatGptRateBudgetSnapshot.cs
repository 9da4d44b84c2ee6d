using System.Globalization;

namespace ChatGpt.Resilience;

/// <summary>
/// The state of one client-side rate budget (a model group of an account): what the client knows of its limits and
/// what it has left. Read it from <c>ResponseInfo.RateBudget</c> on a result, or watch the limiter's metrics.
/// </summary>
public sealed record ChatGptRateBudgetSnapshot
{
    /// <summary>A budget about which nothing is known.</summary>
    public static readonly ChatGptRateBudgetSnapshot Cold = new();

    /// <summary>The model group (empty for the account-wide budget).</summary>
    public string ModelGroup { get; init; } = string.Empty;

    /// <summary>What the budget knows about its limits.</summary>
    public ChatGptRateBudgetPhase Phase { get; init; }

    /// <summary>The request limit in force per <see cref="RequestWindow"/> (the lower of configured and learned), or
    /// <see langword="null"/> when requests are not limited.</summary>
    public long? RequestLimit { get; init; }

    /// <summary>The window of <see cref="RequestLimit"/>.</summary>
    public TimeSpan RequestWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The token limit in force per <see cref="TokenWindow"/>, or <see langword="null"/>.</summary>
    public long? TokenLimit { get; init; }

    /// <summary>The window of <see cref="TokenLimit"/>.</summary>
    public TimeSpan TokenWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The requests the client may still send now (negative: a debt), or <see langword="null"/> when unlimited.</summary>
    public double? RequestsAvailable { get; init; }

    /// <summary>The tokens the client may still spend now (negative: a debt), or <see langword="null"/> when unlimited.</summary>
    public double? TokensAvailable { get; init; }

    /// <summary>Whether the limits came from the server's headers (not only from configuration).</summary>
    public bool IsLearned { get; init; }

    /// <summary>How old the learned limits are, if any.</summary>
    public TimeSpan? LearnedAge { get; init; }

    /// <summary>Whether a 429 set the pace back to one second's worth of the limit (a server that enforces its limits over
    /// short windows).</summary>
    public bool IsThrottled { get; init; }

    /// <summary>Describes the budget.</summary>
    /// <returns>The phase and limits.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{(ModelGroup.Length == 0 ? "account" : ModelGroup)}: {Phase}, requests {RequestLimit?.ToString(CultureInfo.InvariantCulture) ?? "-"}/{RequestWindow.TotalSeconds:0}s, tokens {TokenLimit?.ToString(CultureInfo.InvariantCulture) ?? "-"}/{TokenWindow.TotalSeconds:0}s{(IsLearned ? " (learned)" : string.Empty)}");
}
