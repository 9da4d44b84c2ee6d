namespace ChatGpt;

/// <summary>A breakdown of the generated tokens.</summary>
public sealed class CompletionTokensDetails
{
    /// <summary>Predicted tokens that appeared in the completion.</summary>
    public int? AcceptedPredictionTokens { get; set; }

    /// <summary>Audio tokens generated.</summary>
    public int? AudioTokens { get; set; }

    /// <summary>Tokens the model used for reasoning.</summary>
    public int? ReasoningTokens { get; set; }

    /// <summary>Predicted tokens that did not appear in the completion (still billed).</summary>
    public int? RejectedPredictionTokens { get; set; }

    /// <summary>Text tokens generated.</summary>
    public int? TextTokens { get; set; }
}
