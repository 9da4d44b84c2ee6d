using System.Diagnostics.CodeAnalysis;

namespace ChatGpt.Resilience;

/// <summary>The answer of <see cref="IChatGptRateBudgetStore.TryAcquireAsync"/>.</summary>
/// <param name="Acquired">Whether one request and the tokens were taken.</param>
/// <param name="IsProbe">Whether the grant is the cold-start probe: the client then reports
/// <see cref="ChatGptRateBudgetFeedback.ProbeEnded"/> once the call is over, whatever its outcome.</param>
/// <param name="RetryAfter">When refused, how long until the call could be granted if nothing else took from the
/// budget meanwhile (for a probe wait: until the probe times out); zero when granted. A shared store may return a
/// shorter time to be asked again sooner (e.g. while another replica probes).</param>
/// <param name="WaitReason">When refused, what holds the call.</param>
/// <param name="Budget">The budget's state after the operation.</param>
[Experimental(ChatGptRateBudgetDiagnostics.ExperimentalId)]
public readonly record struct ChatGptRateBudgetAcquisition(
    bool Acquired,
    bool IsProbe,
    TimeSpan RetryAfter,
    ChatGptRateBudgetWaitReason WaitReason,
    ChatGptRateBudgetSnapshot Budget);
