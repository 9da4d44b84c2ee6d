using ChatGpt.FineTuning.Internal;

namespace ChatGpt.FineTuning.TrainingData;

/// <summary>What <see cref="TrainingDataValidator"/> checks a file against.</summary>
public sealed class TrainingDataValidationOptions
{
    /// <summary>The model to fine-tune: it picks the tokenizer and the context length.</summary>
    /// <value>Defaults to <c>gpt-4o-mini-2024-07-18</c>.</value>
    public string Model { get; set; } = TrainingDataDefaults.Model;

    /// <summary>The most tokens an example may have; <see langword="null"/> for the model's training context length
    /// (65,536 for the GPT-4o and GPT-4.1 families, 16,385 for GPT-3.5 Turbo).</summary>
    public int? MaxTokensPerExample { get; set; }

    /// <summary>The fewest examples the API accepts.</summary>
    /// <value>Defaults to 10.</value>
    public int MinExamples { get; set; } = TrainingDataDefaults.MinExamples;

    /// <summary>The epochs the job will run, to bill; <see langword="null"/> for the number the API picks by default for the file's size.</summary>
    public int? Epochs { get; set; }

    /// <summary>The training price per million tokens, to estimate the cost; no estimate when <see langword="null"/>.</summary>
    public decimal? PricePerMillionTokens { get; set; }

    /// <summary>How many issues the report keeps (the count goes on past it), so a broken file of millions of lines
    /// cannot fill memory.</summary>
    /// <value>Defaults to 1,000.</value>
    public int MaxReportedIssues { get; set; } = TrainingDataDefaults.MaxReportedIssues;
}
