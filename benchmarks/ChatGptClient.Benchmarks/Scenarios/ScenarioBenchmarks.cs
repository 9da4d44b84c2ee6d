using BenchmarkDotNet.Attributes;
using ChatGpt.Benchmarks.Contenders;
using ChatGpt.Benchmarks.Infrastructure;

namespace ChatGpt.Benchmarks.Scenarios;

/// <summary>
/// The contenders side by side on one scenario. Each derived class is one scenario and one category, so the ratio
/// column compares every contender with the hand-written baseline on exactly the same canned response.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SuiteConfig))]
public abstract class ScenarioBenchmarks
{
    private CannedHandler? _handler;
    private ContenderSet? _contenders;

    /// <summary>The operation this class measures.</summary>
    public abstract Scenario Scenario { get; }

    private ContenderSet Contenders => _contenders ?? throw new InvalidOperationException("Setup has not run.");

    [GlobalSetup]
    public void Setup()
    {
        // All benchmarks share this process (in-process job): bring every contender's code to its final tier first.
        JitWarmUp.EnsureDone();
        _handler = new CannedHandler(ScenarioRunner.ChatResponse(Scenario));
        _contenders = ContenderSet.Create(_handler, ContenderSet.InMemoryBaseAddress);

        // A contender that returned the wrong text (or nothing) would win for the wrong reason: check them all first.
        foreach (var contender in _contenders.All)
        {
            ScenarioRunner.VerifyAsync(contender, Scenario, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _contenders?.Dispose();
        _handler?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<string> Baseline() => ScenarioRunner.RunAsync(Contenders.Baseline, Scenario, CancellationToken.None);

    [Benchmark]
    public Task<string> ChatGptBare() => ScenarioRunner.RunAsync(Contenders.ChatGptBare, Scenario, CancellationToken.None);

    [Benchmark]
    public Task<string> ChatGptDi() => ScenarioRunner.RunAsync(Contenders.ChatGptDi, Scenario, CancellationToken.None);

    [Benchmark]
    public Task<string> OpenAiSdk() => ScenarioRunner.RunAsync(Contenders.OpenAiSdk, Scenario, CancellationToken.None);

    [Benchmark]
    public Task<string> Betalgo() => ScenarioRunner.RunAsync(Contenders.Betalgo, Scenario, CancellationToken.None);
}
