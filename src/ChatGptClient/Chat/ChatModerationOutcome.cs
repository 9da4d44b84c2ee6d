using System.Text.Json.Serialization;

namespace ChatGpt.Chat;

/// <summary>The moderation of one side: results (<c>moderation_results</c>) or the error that prevented them (<c>error</c>).</summary>
public sealed class ChatModerationOutcome
{
    /// <summary><c>moderation_results</c> or <c>error</c>.</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>The moderation model used (results only).</summary>
    public string? Model { get; set; }

    /// <summary>The results (results only).</summary>
    public IReadOnlyList<ChatModerationResult>? Results { get; set; }

    /// <summary>The error code (errors only).</summary>
    public string? Code { get; set; }

    /// <summary>The error message (errors only).</summary>
    public string? Message { get; set; }

    /// <summary>Whether moderation failed instead of producing results.</summary>
    [JsonIgnore]
    public bool IsError => Type == "error";

    /// <summary>Whether any result was flagged.</summary>
    [JsonIgnore]
    public bool Flagged => Results?.Any(static r => r.Flagged) ?? false;
}
