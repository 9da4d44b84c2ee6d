using ChatGpt.Internal;

namespace ChatGpt.Resilience.Internal;

/// <summary>One attempt's place in its budget (<see cref="RateLimitStrategy.TakeTurnAsync"/>): the budget's queue, what it
/// granted or refused, the call it belongs to, and the token cost it was charged, for the feedback after the answer.</summary>
internal readonly record struct RateLimitTurn(RateBudgetQueue Queue, RateBudgetLease Lease, ChatGptRequestContext? Call, int Cost);
