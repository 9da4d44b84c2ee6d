using System.Threading.RateLimiting;

namespace ChatGpt.Resilience.Internal;

/// <summary>A lease of <see cref="AdaptiveRateLimiter"/>: acquired, or refused with a reason and a retry hint.</summary>
internal sealed class LimiterLease : RateLimitLease
{
    public static readonly LimiterLease Acquired = new(true, null, null);

    private static readonly string[] AcquiredNames = [];
    private static readonly string[] RefusedNames = [MetadataName.RetryAfter.Name, MetadataName.ReasonPhrase.Name];

    private readonly TimeSpan? _retryAfter;
    private readonly string? _reason;

    public LimiterLease(bool isAcquired, TimeSpan? retryAfter, string? reason)
    {
        IsAcquired = isAcquired;
        _retryAfter = retryAfter;
        _reason = reason;
    }

    public override bool IsAcquired { get; }

    public override IEnumerable<string> MetadataNames => IsAcquired ? AcquiredNames : RefusedNames;

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (metadataName == MetadataName.RetryAfter.Name && _retryAfter.HasValue)
        {
            metadata = _retryAfter.Value;
            return true;
        }

        if (metadataName == MetadataName.ReasonPhrase.Name && _reason is not null)
        {
            metadata = _reason;
            return true;
        }

        metadata = null;
        return false;
    }
}
