using System.Diagnostics.CodeAnalysis;

namespace ChatGpt.Testing.Internal;

/// <summary>One generated choice: text or tool calls, and why generation stopped.</summary>
internal sealed record ChoiceResult(int Index, string? Text, IReadOnlyList<ToolCallResult> ToolCalls, string FinishReason)
{
    [MemberNotNullWhen(false, nameof(Text))]
    public bool HasToolCalls => ToolCalls.Count > 0;
}
