namespace ChatGpt.FineTuning.TrainingData;

/// <summary>A problem found in a fine-tuning file.</summary>
/// <param name="LineNumber">The 1-based line, or 0 for a problem of the whole file (too few examples).</param>
/// <param name="Kind">What is wrong.</param>
/// <param name="Message">A sentence saying what is wrong and where (the message index, the key).</param>
public sealed record TrainingDataIssue(long LineNumber, TrainingDataIssueKind Kind, string Message)
{
    /// <summary>The issue as <c>line N: message</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => LineNumber > 0 ? $"line {LineNumber}: {Message}" : Message;
}
