using System.Globalization;
using System.Text;

namespace ChatGpt.FineTuning.TrainingData;

/// <summary>What <see cref="TrainingDataValidator"/> found in a file: its issues by line, and its statistics.</summary>
public sealed class TrainingDataReport
{
    internal TrainingDataReport(
        string model, int maxTokensPerExample, long lineCount, long exampleCount, IReadOnlyList<TrainingDataIssue> issues, long issueCount,
        TokenStatistics? tokens, long examplesOverLimit, int epochs, long billedTokens, decimal? estimatedCost)
    {
        Model = model;
        MaxTokensPerExample = maxTokensPerExample;
        LineCount = lineCount;
        ExampleCount = exampleCount;
        Issues = issues;
        IssueCount = issueCount;
        TokensPerExample = tokens;
        ExamplesOverLimit = examplesOverLimit;
        Epochs = epochs;
        BilledTokens = billedTokens;
        EstimatedCost = estimatedCost;
    }

    /// <summary>The model the file was checked for.</summary>
    public string Model { get; }

    /// <summary>The context length examples were checked against.</summary>
    public int MaxTokensPerExample { get; }

    /// <summary>The non-empty lines read.</summary>
    public long LineCount { get; }

    /// <summary>The lines that are examples (JSON objects with messages), valid or not.</summary>
    public long ExampleCount { get; }

    /// <summary>The issues found, in line order (at most <see cref="TrainingDataValidationOptions.MaxReportedIssues"/>).</summary>
    public IReadOnlyList<TrainingDataIssue> Issues { get; }

    /// <summary>How many issues there are in all (can exceed <see cref="Issues"/>' count).</summary>
    public long IssueCount { get; }

    /// <summary>Whether the file has no issue: the API would accept it.</summary>
    public bool IsValid => IssueCount == 0;

    /// <summary>Tokens per example (min, median, max, total), or <see langword="null"/> when no example could be counted.</summary>
    public TokenStatistics? TokensPerExample { get; }

    /// <summary>Examples over <see cref="MaxTokensPerExample"/>, which training would cut.</summary>
    public long ExamplesOverLimit { get; }

    /// <summary>The epochs billed: the ones asked for, or those the API picks by default for this many examples.</summary>
    public int Epochs { get; }

    /// <summary>The tokens billed: each example's tokens (up to the context length) times <see cref="Epochs"/>.</summary>
    public long BilledTokens { get; }

    /// <summary>The estimated cost for <see cref="TrainingDataValidationOptions.PricePerMillionTokens"/>, when given.</summary>
    public decimal? EstimatedCost { get; }

    /// <summary>The report as text: the statistics, then the issues.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{ExampleCount} example(s) in {LineCount} line(s) for {Model}: ");
        text.Append(IsValid ? "valid" : $"{IssueCount} issue(s)");
        if (TokensPerExample is { } tokens)
        {
            text.Append(CultureInfo.InvariantCulture, $"; tokens per example min {tokens.Min}, median {tokens.Median}, max {tokens.Max}");
        }

        text.Append(CultureInfo.InvariantCulture, $"; {Epochs} epoch(s), {BilledTokens} billed token(s)");
        if (EstimatedCost is { } cost)
        {
            text.Append(CultureInfo.InvariantCulture, $", about {cost:0.####}");
        }

        foreach (var issue in Issues)
        {
            text.AppendLine().Append(issue);
        }

        return text.ToString();
    }
}
