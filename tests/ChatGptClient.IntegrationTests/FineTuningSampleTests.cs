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
}
