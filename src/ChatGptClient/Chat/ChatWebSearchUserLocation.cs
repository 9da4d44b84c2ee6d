namespace ChatGpt.Chat;

/// <summary>The user's location for web search.</summary>
public sealed class ChatWebSearchUserLocation
{
    /// <summary>The location type: always <c>approximate</c>.</summary>
    public string Type { get; set; } = "approximate";

    /// <summary>The approximate location.</summary>
    public required ChatWebSearchApproximateLocation Approximate { get; set; }
}
