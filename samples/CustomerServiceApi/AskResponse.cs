namespace CustomerServiceApi;

/// <summary>The assistant's answer and what it cost.</summary>
public sealed record AskResponse(string Answer, string Model, int PromptTokens, int CompletionTokens, int TotalTokens);
