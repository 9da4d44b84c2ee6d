namespace ChatGpt.Chat;

/// <summary>One moderation result: whether the content was flagged and the score of each category.</summary>
public sealed class ChatModerationResult
{
    /// <summary>The object type, <c>moderation_result</c>.</summary>
    public string? Type { get; set; }

    /// <summary>The moderation model that produced the result.</summary>
    public string? Model { get; set; }

    /// <summary>Whether any category was flagged.</summary>
    public bool Flagged { get; set; }

    /// <summary>Whether each category (e.g. <c>violence</c>) was flagged.</summary>
    public IReadOnlyDictionary<string, bool>? Categories { get; set; }

    /// <summary>The score of each category.</summary>
    public IReadOnlyDictionary<string, double>? CategoryScores { get; set; }

    /// <summary>Which input types (<c>text</c>, <c>image</c>) each category's score reflects.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? CategoryAppliedInputTypes { get; set; }
}
