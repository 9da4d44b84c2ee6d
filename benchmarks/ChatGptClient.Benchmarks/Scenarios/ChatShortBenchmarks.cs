using BenchmarkDotNet.Attributes;

namespace ChatGpt.Benchmarks.Scenarios;

[BenchmarkCategory(nameof(Scenarios.Scenario.ChatShort))]
public class ChatShortBenchmarks : ScenarioBenchmarks
{
    public override Scenario Scenario => Scenario.ChatShort;
}
