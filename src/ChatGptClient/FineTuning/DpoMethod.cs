namespace ChatGpt.FineTuning;

/// <summary>The settings of direct preference optimization (<c>method.dpo</c>).</summary>
public sealed class DpoMethod
{
    /// <summary>The hyperparameters; all <c>auto</c> when <see langword="null"/>.</summary>
    public DpoHyperparameters? Hyperparameters { get; set; }
}
