namespace ChatGpt.Testing.Internal;

/// <summary>A function call made by the assistant (in a response, or in the history of a request).</summary>
internal sealed record ToolCallResult(string Id, string Name, string Arguments);
