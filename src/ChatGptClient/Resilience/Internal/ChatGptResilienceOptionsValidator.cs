using Microsoft.Extensions.Options;

namespace ChatGpt.Resilience.Internal;

/// <summary>Checks <see cref="ChatGptOptions.Resilience"/> at start-up, so a bad setting fails the host instead of
/// the first call.</summary>
internal sealed class ChatGptResilienceOptionsValidator : IValidateOptions<ChatGptOptions>
{
    /// <summary>The most retries accepted: more would only hide an outage.</summary>
    internal const int MaxRetriesLimit = 10;

    public ValidateOptionsResult Validate(string? name, ChatGptOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var resilience = options.Resilience;
        if (resilience is null)
        {
            return ValidateOptionsResult.Fail("ChatGptOptions.Resilience must not be null.");
        }

        List<string>? failures = null;
        void Fail(string message) => (failures ??= []).Add(message);

        if (resilience.MaxRetries is < 0 or > MaxRetriesLimit)
        {
            Fail($"ChatGptOptions.Resilience.MaxRetries must be between 0 and {MaxRetriesLimit}; it is {resilience.MaxRetries}.");
        }

        if (resilience.BaseDelay <= TimeSpan.Zero)
        {
            Fail($"ChatGptOptions.Resilience.BaseDelay must be positive; it is {resilience.BaseDelay}.");
        }

        if (resilience.MaxDelay <= TimeSpan.Zero)
        {
            Fail($"ChatGptOptions.Resilience.MaxDelay must be positive; it is {resilience.MaxDelay}.");
        }
        else if (resilience.BaseDelay > resilience.MaxDelay)
        {
            Fail($"ChatGptOptions.Resilience.BaseDelay ({resilience.BaseDelay}) must not exceed MaxDelay ({resilience.MaxDelay}).");
        }

        if (!IsPositiveOrInfinite(resilience.AttemptTimeout))
        {
            Fail($"ChatGptOptions.Resilience.AttemptTimeout must be positive or Timeout.InfiniteTimeSpan; it is {resilience.AttemptTimeout}.");
        }

        if (!IsPositiveOrInfinite(resilience.StreamIdleTimeout))
        {
            Fail($"ChatGptOptions.Resilience.StreamIdleTimeout must be positive or Timeout.InfiniteTimeSpan; it is {resilience.StreamIdleTimeout}.");
        }

        if (resilience.RequestsPerMinute is <= 0)
        {
            Fail($"ChatGptOptions.Resilience.RequestsPerMinute must be positive when set; it is {resilience.RequestsPerMinute}.");
        }

        if (resilience.TokensPerMinute is <= 0)
        {
            Fail($"ChatGptOptions.Resilience.TokensPerMinute must be positive when set; it is {resilience.TokensPerMinute}.");
        }

        foreach (var (model, limits) in resilience.ModelRateLimits)
        {
            if (limits is null || limits.RequestsPerMinute is <= 0 || limits.TokensPerMinute is <= 0)
            {
                Fail($"ChatGptOptions.Resilience.ModelRateLimits[{model}] must have positive limits when set.");
            }
        }

        foreach (var (model, group) in resilience.ModelBudgetGroups)
        {
            if (string.IsNullOrWhiteSpace(group))
            {
                Fail($"ChatGptOptions.Resilience.ModelBudgetGroups[{model}] must name a group.");
            }
        }

        if (!(resilience.BurstGrowthPerSecond >= 1 && resilience.BurstGrowthPerSecond <= 1000))
        {
            Fail($"ChatGptOptions.Resilience.BurstGrowthPerSecond must be between 1 and 1000; it is {resilience.BurstGrowthPerSecond}.");
        }

        if (resilience.QueueLimit < 0)
        {
            Fail($"ChatGptOptions.Resilience.QueueLimit must not be negative; it is {resilience.QueueLimit}.");
        }

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsPositiveOrInfinite(TimeSpan value) => value > TimeSpan.Zero || value == Timeout.InfiniteTimeSpan;
}
