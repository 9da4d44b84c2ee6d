namespace ChatGpt.Serialization;

/// <summary>The polymorphic <c>prompt</c> field of a legacy completion: a string or an array of strings.</summary>
internal readonly record struct PromptValue(string? Text, IList<string>? Texts);
