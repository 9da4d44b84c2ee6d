using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ChatGpt.FineTuning.TrainingData;

namespace ChatGpt.Benchmarks.TrainingData;

/// <summary>
/// <see cref="TrainingDataValidator.ValidateFileAsync"/> over a generated JSONL file on disk (64 MB of realistic chat
/// examples by default; <c>CHATGPT_BENCH_TRAINING_MB</c> changes it), with the model's tokenizer (o200k_base for
/// gpt-4o-mini). The MB/s column is the file's size over the mean time; the target is 50 MB/s.
/// </summary>
/// <remarks>Run with <c>dotnet run -c Release -- training-data</c>. The file is written once per process into the temp
/// folder (the page cache then holds it, as it would right after an app wrote it) and deleted at the end.</remarks>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class TrainingDataValidationBenchmarks
{
    private string? _path;
    private TrainingDataValidationOptions _options = new();

    /// <summary>The generated file's size in bytes, for the MB/s column.</summary>
    internal static long FileBytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var megabytes = int.TryParse(Environment.GetEnvironmentVariable("CHATGPT_BENCH_TRAINING_MB"), out var mb) && mb > 0 ? mb : 64;
        _path = Path.Combine(Path.GetTempPath(), $"chatgpt-bench-training-{Environment.ProcessId}.jsonl");
        var (bytes, examples) = TrainingDataFile.Write(_path, megabytes * 1024L * 1024);
        FileBytes = bytes;
        _options = new TrainingDataValidationOptions { Model = "gpt-4o-mini-2024-07-18", PricePerMillionTokens = 3m };

        // The tokenizer loads once per process (about 200 ms): not part of what a validation costs.
        var report = TrainingDataValidator.ValidateFileAsync(_path, _options).GetAwaiter().GetResult();
        if (!report.IsValid || report.ExampleCount != examples)
        {
            throw new InvalidOperationException($"The generated file should be valid with {examples} examples: {report.ExampleCount} examples, {report.IssueCount} issue(s), first: {report.Issues.FirstOrDefault()}");
        }

        Console.WriteLine($"// Training data: {bytes / 1048576.0:N1} MB, {examples:N0} examples, tokens per example {report.TokensPerExample}.");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_path is not null)
        {
            File.Delete(_path);
        }
    }

    [Benchmark]
    public async Task<long> ValidateFile()
    {
        var report = await TrainingDataValidator.ValidateFileAsync(_path!, _options).ConfigureAwait(false);
        return report.ExampleCount;
    }

    /// <summary>In-process (like the suite), one warm-up, five measured runs: each run reads the whole file.</summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(1)
                .WithIterationCount(5)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithId("TrainingData")
                .AsDefault());
            AddColumn(new ThroughputColumn());
        }
    }
}
