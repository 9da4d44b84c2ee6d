namespace ChatGpt.Testing.Internal;

/// <summary>Token counts of one response.</summary>
internal readonly record struct UsageCounts(int PromptTokens, int CompletionTokens)
{
    public int TotalTokens => PromptTokens + CompletionTokens;
}
