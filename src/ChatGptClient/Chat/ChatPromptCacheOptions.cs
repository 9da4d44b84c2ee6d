namespace ChatGpt.Chat;

/// <summary>Prompt caching settings (<c>prompt_cache_options</c>), for the models that support explicit cache breakpoints.</summary>
/// <remarks>Mark the end of a reusable prefix with <see cref="ChatContentPart.PromptCacheBreakpoint"/>.</remarks>
public sealed class ChatPromptCacheOptions
{
    /// <summary>The least time every breakpoint written by the request is kept: <c>30m</c> (the default and only value today);
    /// a string converts to it implicitly.</summary>
    public ChatPromptCacheTtl? Ttl { get; set; }

    /// <summary><c>implicit</c> (the default: the server adds one breakpoint of its own) or <c>explicit</c> (only the marked
    /// ones); a string converts to it implicitly.</summary>
    public ChatPromptCacheMode? Mode { get; set; }
}
