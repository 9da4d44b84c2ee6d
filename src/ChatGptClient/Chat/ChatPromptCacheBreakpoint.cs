namespace ChatGpt.Chat;

/// <summary>Marks the end of a reusable prompt prefix on a content part (<c>prompt_cache_breakpoint</c>).</summary>
public sealed class ChatPromptCacheBreakpoint
{
    /// <summary>The breakpoint mode: always <c>explicit</c>.</summary>
    public string Mode { get; init; } = "explicit";

    /// <summary>An explicit breakpoint.</summary>
    public static ChatPromptCacheBreakpoint Explicit { get; } = new();
}
