using System.Text.Json;

namespace ChatGpt.Testing.Internal;

/// <summary>A function tool of a chat request.</summary>
internal sealed record ParsedTool(string Name, string? Description, JsonElement? Parameters);
