using System.Net;

namespace ChatGpt.Resilience.Internal;

/// <summary>Which failures are worth another attempt, from the status and the API's error body.</summary>
internal static class RetryableStatus
{
    public const string InsufficientQuota = "insufficient_quota";

    /// <summary>
    /// Retries 408 (request timeout), 409 (lock timeout), 429 (rate limit, <c>slow_down</c>) and server errors, except
    /// 501 and 505 which say a feature is missing rather than that the server is struggling. Never 400, 401, 403, 404,
    /// 422 or any other client error, and never <c>insufficient_quota</c>: billing does not recover by retrying.
    /// </summary>
    /// <remarks>The server's <c>x-should-retry</c> header overrides this; the caller applies it.</remarks>
    public static bool IsRetryable(HttpStatusCode status, string? errorType, string? errorCode)
    {
        if (IsInsufficientQuota(errorType, errorCode))
        {
            return false;
        }

        var code = (int)status;
        return code switch
        {
            408 or 409 or 429 => true,
            501 or 505 => false,
            >= 500 and < 600 => true,
            _ => false,
        };
    }

    /// <summary>Whether the status is one whose error body can change the verdict, so the body is worth buffering.</summary>
    public static bool NeedsBody(HttpStatusCode status) => IsRetryable(status, null, null);

    public static bool IsInsufficientQuota(string? errorType, string? errorCode) =>
        string.Equals(errorCode, InsufficientQuota, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(errorType, InsufficientQuota, StringComparison.OrdinalIgnoreCase);
}
