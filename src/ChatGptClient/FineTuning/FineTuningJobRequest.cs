using System.Text.Json;

namespace ChatGpt.FineTuning;

/// <summary>The body of <c>POST /fine_tuning/jobs</c>: what to fine-tune, on which data, how.</summary>
public sealed class FineTuningJobRequest
{
    /// <summary>The base model, e.g. <c>gpt-4o-mini-2024-07-18</c>, or a fine-tuned model to tune further. Required.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>The id of the uploaded training file (purpose <c>fine-tune</c>). Required.</summary>
    public string TrainingFile { get; set; } = string.Empty;

    /// <summary>The id of an uploaded validation file, whose metrics appear in the job's events.</summary>
    public string? ValidationFile { get; set; }

    /// <summary>Up to 64 characters added to the fine-tuned model's name.</summary>
    public string? Suffix { get; set; }

    /// <summary>A seed that makes the job reproducible; the API picks one when <see langword="null"/>.</summary>
    public int? Seed { get; set; }

    /// <summary>Up to 16 key-value pairs kept with the job (keys up to 64 characters, values up to 512).</summary>
    public IDictionary<string, string>? Metadata { get; set; }

    /// <summary>The method and its hyperparameters; supervised with <c>auto</c> hyperparameters when <see langword="null"/>.</summary>
    public FineTuningMethod? Method { get; set; }

    /// <summary>Integrations (such as Weights and Biases) as the API's JSON array.</summary>
    public JsonElement? Integrations { get; set; }
}
