namespace ChatGpt;

/// <summary>A breakdown of the prompt tokens.</summary>
public sealed class PromptTokensDetails
{
    /// <summary>Audio tokens in the prompt.</summary>
    public int? AudioTokens { get; set; }

    /// <summary>Prompt tokens served from the cache.</summary>
    public int? CachedTokens { get; set; }

    /// <summary>Text tokens in the prompt.</summary>
    public int? TextTokens { get; set; }

    /// <summary>Image tokens in the prompt.</summary>
    public int? ImageTokens { get; set; }

    /// <summary>Prompt tokens written to the cache by this request.</summary>
    public int? CacheWriteTokens { get; set; }
}
