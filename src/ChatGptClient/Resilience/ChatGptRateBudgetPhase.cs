namespace ChatGpt.Resilience;

/// <summary>What a rate budget knows about its limits.</summary>
public enum ChatGptRateBudgetPhase
{
    /// <summary>No limit is known yet (or the learned ones expired): the next call is the cold-start probe.</summary>
    Cold = 0,

    /// <summary>A probe is on its way; other calls wait for what it learns.</summary>
    Probing = 1,

    /// <summary>Limits are known (configured or learned) and pace the calls.</summary>
    Limited = 2,

    /// <summary>The server reported no limits and none are configured: calls pass at once.</summary>
    Unlimited = 3,
}
