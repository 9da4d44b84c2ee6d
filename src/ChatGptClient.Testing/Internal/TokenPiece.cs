namespace ChatGpt.Testing.Internal;

/// <summary>What one stream event carries: whole characters (<see cref="Text"/>) and the tokens that make them up, one
/// token usually, several when tokens split a character (emoji, CJK), so every token still gets its log probability.</summary>
internal sealed record TokenPiece(string Text, IReadOnlyList<TextToken> Tokens);
