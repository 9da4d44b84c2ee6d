namespace ChatGpt.FineTuning.TrainingData;

/// <summary>
/// A fine-tuning file failed the client-side validation before it was uploaded: nothing was sent. The message lists the
/// first issues with their line numbers; <see cref="Report"/> has all of them and the statistics.
/// </summary>
public sealed class TrainingDataValidationException : ChatGptException
{
    /// <summary>Creates the exception from the report.</summary>
    /// <param name="fileName">The file checked.</param>
    /// <param name="report">The report, with at least one issue.</param>
    public TrainingDataValidationException(string fileName, TrainingDataReport report)
        : base(Describe(fileName, report))
    {
        Report = report;
    }

    /// <summary>The validation report.</summary>
    public TrainingDataReport Report { get; }

    private static string Describe(string fileName, TrainingDataReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        const int Shown = 5;
        var first = string.Join("; ", report.Issues.Take(Shown));
        var more = report.IssueCount > Shown ? $"; and {report.IssueCount - Shown} more" : string.Empty;
        return $"The fine-tuning file '{fileName}' is not valid ({report.IssueCount} issue(s)), so it was not uploaded: {first}{more}.";
    }
}
