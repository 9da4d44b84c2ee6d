namespace ChatGpt.Resilience;

/// <summary>Identifiers of the rate budget API.</summary>
public static class ChatGptRateBudgetDiagnostics
{
    /// <summary>
    /// The diagnostic id of the experimental rate budget store API (<see cref="IChatGptRateBudgetStore"/> and its
    /// types): it may change in a minor version while shared stores (e.g. <c>ChatGptClient.RateLimiting.Redis</c>) are
    /// proven. Suppress it (<c>&lt;NoWarn&gt;CHATGPT001&lt;/NoWarn&gt;</c>) to implement a store.
    /// </summary>
    public const string ExperimentalId = "CHATGPT001";
}
