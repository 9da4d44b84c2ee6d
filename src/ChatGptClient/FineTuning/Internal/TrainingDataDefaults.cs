namespace ChatGpt.FineTuning.Internal;

/// <summary>The numbers of OpenAI's fine-tuning data guide, in one place (pinned by a test).</summary>
internal static class TrainingDataDefaults
{
    public const string Model = "gpt-4o-mini-2024-07-18";

    /// <summary>The API rejects a file with fewer examples.</summary>
    public const int MinExamples = 10;

    public const int MaxReportedIssues = 1000;

    /// <summary>The training context length of the GPT-4o and GPT-4.1 families.</summary>
    public const int LargeContextTokens = 65_536;

    /// <summary>The training context length of GPT-3.5 Turbo (and the older base models).</summary>
    public const int SmallContextTokens = 16_385;

    // Default epochs: 3, raised so that small files see at least 100 examples in all and lowered so that large ones see
    // at most 25,000, within 1..25 epochs (as the API chooses n_epochs "auto").
    public const int TargetEpochs = 3;
    public const int MinTargetExamples = 100;
    public const int MaxTargetExamples = 25_000;
    public const int MinDefaultEpochs = 1;
    public const int MaxDefaultEpochs = 25;

    /// <summary>The most bytes one line may have: a longer line is reported, not buffered.</summary>
    public const int MaxLineBytes = 16 * 1024 * 1024;

    public static int ContextLength(string model) =>
        model.StartsWith("gpt-3.5", StringComparison.OrdinalIgnoreCase) ||
        model.StartsWith("babbage-002", StringComparison.OrdinalIgnoreCase) ||
        model.StartsWith("davinci-002", StringComparison.OrdinalIgnoreCase) ||
        model.StartsWith("gpt-4-", StringComparison.OrdinalIgnoreCase) ||
        model.Equals("gpt-4", StringComparison.OrdinalIgnoreCase)
            ? SmallContextTokens
            : LargeContextTokens;

    public static int DefaultEpochs(long examples)
    {
        if (examples <= 0)
        {
            return TargetEpochs;
        }

        if (examples * TargetEpochs < MinTargetExamples)
        {
            return (int)Math.Min(MaxDefaultEpochs, MinTargetExamples / examples);
        }

        if (examples * TargetEpochs > MaxTargetExamples)
        {
            return (int)Math.Max(MinDefaultEpochs, MaxTargetExamples / examples);
        }

        return TargetEpochs;
    }
}
