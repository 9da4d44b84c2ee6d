namespace ChatGpt.Serialization;

/// <summary>The polymorphic <c>prompt</c> field of a legacy completion: a string, strings, token ids, or several token-id arrays.</summary>
internal readonly record struct PromptValue(string? Text, IList<string>? Texts, IList<int>? Tokens = null, IList<IList<int>>? TokenBatches = null);
