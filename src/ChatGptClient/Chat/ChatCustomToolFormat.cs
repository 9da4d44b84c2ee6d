namespace ChatGpt.Chat;

/// <summary>The input format of a custom tool: free text (<see cref="Text"/>) or a grammar (<see cref="ForGrammar"/>).</summary>
public sealed class ChatCustomToolFormat
{
    /// <summary><c>text</c> or <c>grammar</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The grammar, for <c>grammar</c> formats.</summary>
    public ChatCustomToolGrammar? Grammar { get; init; }

    /// <summary>Unconstrained free-form text (the default).</summary>
    public static ChatCustomToolFormat Text { get; } = new() { Type = "text" };

    /// <summary>Input that follows a grammar.</summary>
    /// <param name="definition">The grammar definition.</param>
    /// <param name="syntax">Its syntax: <c>lark</c> or <c>regex</c>.</param>
    /// <returns>The format.</returns>
    public static ChatCustomToolFormat ForGrammar(string definition, string syntax)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(definition);
        ArgumentException.ThrowIfNullOrWhiteSpace(syntax);
        return new() { Type = "grammar", Grammar = new ChatCustomToolGrammar { Definition = definition, Syntax = syntax } };
    }
}
