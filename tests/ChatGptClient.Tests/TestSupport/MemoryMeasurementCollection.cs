namespace ChatGpt.Tests.TestSupport;

/// <summary>Tests that measure process-wide allocations or live memory run alone: a test running beside them would be counted.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
    public const string Name = "Memory measurements";
}
