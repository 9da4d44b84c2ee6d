namespace ChatGpt.IntegrationTests;

/// <summary>The fine-tuning sample runs as a newcomer runs it: no key, no terminal, from the shipped CSV to an answer of the fine-tuned model.</summary>
public sealed class FineTuningSampleTests
{
    [Fact]
    public async Task FineTuning_NoKey_GoesFromCsvToAnAnswerOfTheFineTunedModel()
    {
        var output = Path.Combine(Path.GetTempPath(), $"fine-tuning-sample-{Guid.NewGuid():N}.jsonl");
        try
        {
            var (exitCode, stdout, stderr) = await ConsoleSampleTests.RunAsync("FineTuning", "--output", output, "--question", "Where is my order?");

            Assert.True(exitCode == 0, $"exit {exitCode}\n{stdout}\n{stderr}");
            Assert.Contains("built-in emulator", stderr);
            Assert.Contains("Wrote 12 examples", stdout);
            Assert.Equal(12, File.ReadAllLines(output).Length);
            Assert.Matches(@"Examples\s*│\s*12", stdout);
            Assert.Contains("none", stdout); // no issues in the report
            Assert.Matches("Uploaded file-", stdout);
            Assert.Contains("The job has successfully completed", stdout);
            Assert.Matches(@"Fine-tuned model: ft:gpt-4o-mini-2024-07-18:org-emulator:acme-support:\w+", stdout);
            Assert.Contains("> Where is my order?", stdout);
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task FineTuning_InvalidCsvRow_ReportsTheLineAndExits1()
    {
        var csv = Path.Combine(Path.GetTempPath(), $"fine-tuning-sample-{Guid.NewGuid():N}.csv");
        try
        {
            await File.WriteAllLinesAsync(csv, ["question,answer", "Only one row,\"and an answer\""]);

            var (exitCode, stdout, _) = await ConsoleSampleTests.RunAsync("FineTuning", "--csv", csv);

            Assert.Equal(1, exitCode);
            Assert.Contains("1 example(s); fine-tuning needs at least 10", stdout);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public async Task FineTuning_PositionalCsvAndBaseModel_ValidatesThatFileForThatModel()
    {
        var csv = Path.Combine(Path.GetTempPath(), $"fine-tuning-sample-{Guid.NewGuid():N}.csv");
        try
        {
            await File.WriteAllLinesAsync(csv, ["question,answer", .. Enumerable.Range(1, 11).Select(i => $"Question {i}?,Answer {i}.")]);

            var (exitCode, stdout, stderr) = await ConsoleSampleTests.RunAsync("FineTuning", csv, "--base-model", "gpt-4.1-mini-2025-04-14", "--validate-only");

            Assert.True(exitCode == 0, $"exit {exitCode}\n{stdout}\n{stderr}");
            Assert.Contains("Wrote 11 examples", stdout);
            Assert.Contains("gpt-4.1-mini-2025-04-14", stdout); // the report's title names the model it counted tokens for
            Assert.DoesNotContain("Uploaded", stdout); // --validate-only sends nothing
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public async Task FineTuning_SuffixEpochsAndSeed_ReachTheJob()
    {
        var (exitCode, stdout, stderr) = await ConsoleSampleTests.RunAsync("FineTuning", "--suffix", "my-desk", "--epochs", "2", "--seed", "7", "--question", "Hi?");

        Assert.True(exitCode == 0, $"exit {exitCode}\n{stdout}\n{stderr}");
        Assert.Contains("epochs: 2; seed: 7", stdout);
        Assert.Matches(@"Fine-tuned model: ft:gpt-4o-mini-2024-07-18:org-emulator:my-desk:\w+", stdout);
    }

    [Fact]
    public async Task FineTuning_UnknownOption_Exits2WithUsage()
    {
        var (exitCode, _, error) = await ConsoleSampleTests.RunAsync("FineTuning", "--bogus");

        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown option '--bogus'", error);
        Assert.Contains("Usage:", error);
    }
}
