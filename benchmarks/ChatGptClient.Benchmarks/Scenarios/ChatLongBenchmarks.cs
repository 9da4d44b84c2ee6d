using BenchmarkDotNet.Attributes;

namespace ChatGpt.Benchmarks.Scenarios;

[BenchmarkCategory(nameof(Scenarios.Scenario.ChatLong))]
public class ChatLongBenchmarks : ScenarioBenchmarks
{
    public override Scenario Scenario => Scenario.ChatLong;
}
