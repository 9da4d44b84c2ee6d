namespace ChatGpt.Chat;

/// <summary>Web search settings, for the search models.</summary>
public sealed class ChatWebSearchOptions
{
    /// <summary>How much context to retrieve: <c>low</c>, <c>medium</c> (default) or <c>high</c>; a string converts to it implicitly.</summary>
    public ChatWebSearchContextSize? SearchContextSize { get; set; }

    /// <summary>The approximate location of the user, to localise results.</summary>
    public ChatWebSearchUserLocation? UserLocation { get; set; }
}
