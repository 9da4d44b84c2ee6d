namespace ChatGpt.Http.Internal;

/// <summary>The response headers <see cref="ResponseMetadata"/> reads; <see cref="None"/> for every other one.</summary>
internal enum ResponseHeader
{
    None,
    RequestId,
    ProcessingMs,
    RetryAfterMs,
    RetryAfter,
    ShouldRetry,
    Location,
    LimitRequests,
    LimitTokens,
    RemainingRequests,
    RemainingTokens,
    ResetRequests,
    ResetTokens,
}
