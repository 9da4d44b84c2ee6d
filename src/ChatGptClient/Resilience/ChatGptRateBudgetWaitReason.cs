namespace ChatGpt.Resilience;

/// <summary>Why a rate budget could not grant a call now.</summary>
public enum ChatGptRateBudgetWaitReason
{
    /// <summary>Nothing holds the call (it was granted).</summary>
    None = 0,

    /// <summary>The request budget (requests per minute, or its burst allowance) is spent for now.</summary>
    Requests = 1,

    /// <summary>The token budget (tokens per minute, or its burst allowance) is spent for now.</summary>
    Tokens = 2,

    /// <summary>The server answered 429 for this budget and asked to wait.</summary>
    Paused = 3,

    /// <summary>The limits are not known yet and another call is the cold-start probe: wait for what it learns.</summary>
    Probe = 4,

    /// <summary>The configured account-wide request budget is spent for now.</summary>
    AccountRequests = 5,

    /// <summary>The configured account-wide token budget is spent for now.</summary>
    AccountTokens = 6,
}
