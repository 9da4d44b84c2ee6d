using ChatGpt.FineTuning.Internal;

namespace ChatGpt.FineTuning;

/// <summary>How <see cref="IChatGptFineTuningClient.WaitForCompletionAsync(string, IProgress{FineTuningJobEvent}?, FineTuningWaitOptions?, CancellationToken)"/> polls.</summary>
public sealed class FineTuningWaitOptions
{
    /// <summary>The wait before the second poll; it doubles after each poll that brought no new event.</summary>
    /// <value>Defaults to 1 second.</value>
    public TimeSpan InitialPollInterval { get; set; } = FineTuningDefaults.InitialPollInterval;

    /// <summary>The longest wait between polls.</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan MaxPollInterval { get; set; } = FineTuningDefaults.MaxPollInterval;

    /// <summary>Whether a job that ends <c>cancelled</c> throws (<see langword="true"/>) or is returned.</summary>
    /// <value>Defaults to <see langword="false"/>: a cancelled job is returned, its status says so.</value>
    public bool ThrowWhenCancelled { get; set; }
}
