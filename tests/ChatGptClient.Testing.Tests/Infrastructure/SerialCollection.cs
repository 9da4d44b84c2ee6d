namespace ChatGpt.Testing.Tests.Infrastructure;

/// <summary>Tests that measure the whole process (allocated bytes) run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial (process-wide measurements)";
}
