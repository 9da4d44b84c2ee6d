using BenchmarkDotNet.Attributes;

namespace ChatGpt.Benchmarks.Scenarios;

[BenchmarkCategory(nameof(Scenarios.Scenario.Completion))]
public class CompletionBenchmarks : ScenarioBenchmarks
{
    public override Scenario Scenario => Scenario.Completion;
}
