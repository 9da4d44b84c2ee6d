namespace ChatGpt.Testing.Tests.Infrastructure;

/// <summary>Tests that measure process-wide allocations run alone: a test running beside them would be counted.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
    public const string Name = "Memory measurements";
}
