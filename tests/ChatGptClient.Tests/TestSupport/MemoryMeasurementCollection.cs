using ChatGpt.Internal;

namespace ChatGpt.Tests.TestSupport;

/// <summary>Tests that measure process-wide allocations or live memory run alone: a test running beside them would be
/// counted, and so would the client's one-time start-up warm-up (a background thread), which the fixture lets finish
/// first.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection : ICollectionFixture<MemoryMeasurementCollection.WarmUpDone>
{
    public const string Name = "Memory measurements";

    /// <summary>Runs the start-up warm-up to its end before the collection's first test.</summary>
    public sealed class WarmUpDone
    {
        public WarmUpDone()
        {
            StartupWarmUp.Start();
            if (!StartupWarmUp.Completion.Wait(TimeSpan.FromMinutes(2)))
            {
                throw new TimeoutException("The start-up warm-up did not finish.");
            }
        }
    }
}
