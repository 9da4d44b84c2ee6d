namespace ChatGpt.FineTuning;

/// <summary>The settings of supervised fine-tuning (<c>method.supervised</c>).</summary>
public sealed class SupervisedMethod
{
    /// <summary>The hyperparameters; all <c>auto</c> when <see langword="null"/>.</summary>
    public SupervisedHyperparameters? Hyperparameters { get; set; }
}
