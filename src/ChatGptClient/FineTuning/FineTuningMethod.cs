namespace ChatGpt.FineTuning;

/// <summary>How a job fine-tunes (<c>method</c>): supervised, DPO or reinforcement, with that method's settings.</summary>
public sealed class FineTuningMethod
{
    /// <summary>The method.</summary>
    public FineTuningMethodType Type { get; set; }

    /// <summary>The supervised settings, when <see cref="Type"/> is <see cref="FineTuningMethodType.Supervised"/>.</summary>
    public SupervisedMethod? Supervised { get; set; }

    /// <summary>The DPO settings, when <see cref="Type"/> is <see cref="FineTuningMethodType.Dpo"/>.</summary>
    public DpoMethod? Dpo { get; set; }

    /// <summary>The reinforcement settings, when <see cref="Type"/> is <see cref="FineTuningMethodType.Reinforcement"/>.</summary>
    public ReinforcementMethod? Reinforcement { get; set; }

    /// <summary>Supervised fine-tuning with these hyperparameters (all <c>auto</c> when <see langword="null"/>).</summary>
    /// <param name="hyperparameters">The hyperparameters.</param>
    /// <returns>The method.</returns>
    public static FineTuningMethod CreateSupervised(SupervisedHyperparameters? hyperparameters = null) =>
        new() { Type = FineTuningMethodType.Supervised, Supervised = new SupervisedMethod { Hyperparameters = hyperparameters } };

    /// <summary>Direct preference optimization with these hyperparameters (all <c>auto</c> when <see langword="null"/>).</summary>
    /// <param name="hyperparameters">The hyperparameters.</param>
    /// <returns>The method.</returns>
    public static FineTuningMethod CreateDpo(DpoHyperparameters? hyperparameters = null) =>
        new() { Type = FineTuningMethodType.Dpo, Dpo = new DpoMethod { Hyperparameters = hyperparameters } };

    /// <summary>Reinforcement fine-tuning with a grader.</summary>
    /// <param name="grader">The grader, as the API's JSON.</param>
    /// <param name="hyperparameters">The hyperparameters.</param>
    /// <returns>The method.</returns>
    public static FineTuningMethod CreateReinforcement(System.Text.Json.JsonElement grader, ReinforcementHyperparameters? hyperparameters = null) =>
        new() { Type = FineTuningMethodType.Reinforcement, Reinforcement = new ReinforcementMethod { Grader = grader, Hyperparameters = hyperparameters } };
}
