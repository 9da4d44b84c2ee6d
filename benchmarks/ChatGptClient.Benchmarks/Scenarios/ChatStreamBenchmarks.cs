using BenchmarkDotNet.Attributes;

namespace ChatGpt.Benchmarks.Scenarios;

[BenchmarkCategory(nameof(Scenarios.Scenario.ChatStream))]
public class ChatStreamBenchmarks : ScenarioBenchmarks
{
    public override Scenario Scenario => Scenario.ChatStream;
}
