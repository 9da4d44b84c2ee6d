namespace ChatGpt.FineTuning.Internal;

/// <summary>The defaults of the fine-tuning client, in one place (pinned by a test).</summary>
internal static class FineTuningDefaults
{
    public static readonly TimeSpan InitialPollInterval = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxPollInterval = TimeSpan.FromSeconds(30);

    /// <summary>Events asked for per page while waiting.</summary>
    public const int EventPageSize = 100;
}
