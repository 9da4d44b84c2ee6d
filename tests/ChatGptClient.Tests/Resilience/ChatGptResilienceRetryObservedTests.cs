namespace ChatGpt.Tests.Resilience;

/// <summary>The tests of <see cref="ChatGptResilienceRetryTests"/> with Polly's telemetry observed: every attempt, the
/// first one included, runs on the pipeline instead of the first attempt's fast lane.</summary>
public sealed class ChatGptResilienceRetryObservedTests : ChatGptResilienceRetryTests
{
    /// <inheritdoc />
    protected override bool ObservePolly => true;
}
