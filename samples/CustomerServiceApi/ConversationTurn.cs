namespace CustomerServiceApi;

/// <summary>An earlier message: <c>Role</c> is <c>customer</c> or <c>assistant</c>.</summary>
public sealed record ConversationTurn(string Role, string Content);
