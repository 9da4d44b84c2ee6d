namespace ChatGpt;

/// <summary>The tokens a request used.</summary>
public sealed class CompletionUsage
{
    /// <summary>Tokens in the prompt.</summary>
    public int PromptTokens { get; set; }

    /// <summary>Tokens generated.</summary>
    public int CompletionTokens { get; set; }

    /// <summary>Prompt and generated tokens.</summary>
    public int TotalTokens { get; set; }

    /// <summary>A breakdown of the generated tokens.</summary>
    public CompletionTokensDetails? CompletionTokensDetails { get; set; }

    /// <summary>A breakdown of the prompt tokens.</summary>
    public PromptTokensDetails? PromptTokensDetails { get; set; }

    /// <summary>Describes the usage.</summary>
    /// <returns>The token counts.</returns>
    public override string ToString() => $"{PromptTokens} prompt + {CompletionTokens} completion = {TotalTokens} tokens";
}
