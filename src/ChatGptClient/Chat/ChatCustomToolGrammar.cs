namespace ChatGpt.Chat;

/// <summary>The grammar a custom tool's input follows.</summary>
public sealed class ChatCustomToolGrammar
{
    /// <summary>The grammar definition.</summary>
    public required string Definition { get; init; }

    /// <summary>The syntax of <see cref="Definition"/>: <c>lark</c> or <c>regex</c>.</summary>
    public required string Syntax { get; init; }
}
