namespace ChatGpt.Testing.Internal;

/// <summary>A chat message of a request, reduced to what the emulator uses.</summary>
internal sealed record ParsedMessage(string Role, string Text, string? Name, string? ToolCallId, IReadOnlyList<ToolCallResult> ToolCalls);
