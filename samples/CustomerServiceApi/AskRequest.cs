namespace CustomerServiceApi;

/// <summary>A customer's question, with the earlier turns of the conversation if any.</summary>
public sealed record AskRequest(string? Question, IReadOnlyList<ConversationTurn>? History = null);
