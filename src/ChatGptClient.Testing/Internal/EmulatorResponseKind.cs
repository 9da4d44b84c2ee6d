namespace ChatGpt.Testing.Internal;

/// <summary>What a scripted <c>EmulatorResponse</c> is.</summary>
internal enum EmulatorResponseKind
{
    Generated,
    Text,
    ToolCall,
    Error,
    RateLimited,
    Malformed,
    Raw,
}
