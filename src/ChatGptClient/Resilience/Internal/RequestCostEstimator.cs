namespace ChatGpt.Resilience.Internal;

/// <summary>Estimates the token cost of a request the client is about to send.</summary>
internal static class RequestCostEstimator
{
    /// <summary>Returns the estimated cost, or 0 when the request carries nothing to estimate from.</summary>
    public static int Estimate(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Filled in once the client's request context is available: prompt tokens and the completion allowance.
        return 0;
    }
}
