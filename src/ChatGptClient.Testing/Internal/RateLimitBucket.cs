namespace ChatGpt.Testing.Internal;

/// <summary>A per-minute limit as the API applies it: a bucket of <see cref="Limit"/> units that refills continuously
/// over one minute (so <c>x-ratelimit-reset-*</c> is the time until it is full again).</summary>
internal sealed class RateLimitBucket
{
    private double _available;
    private DateTimeOffset _updatedAt;

    public RateLimitBucket(int limit, DateTimeOffset now)
    {
        Limit = limit;
        _available = limit;
        _updatedAt = now;
    }

    public int Limit { get; }

    public int Remaining => (int)Math.Floor(_available);

    /// <summary>Whether <paramref name="cost"/> units are available now; otherwise how long until they are.</summary>
    public bool HasRoom(double cost, DateTimeOffset now, out TimeSpan retryAfter)
    {
        Refill(now);
        if (cost <= _available)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = cost > Limit ? TimeSpan.FromMinutes(1) : TimeSpan.FromMinutes((cost - _available) / Limit);
        return false;
    }

    public void Take(double cost) => _available -= cost;

    /// <summary>The time until the bucket is full again.</summary>
    public TimeSpan ResetIn(DateTimeOffset now)
    {
        Refill(now);
        return TimeSpan.FromMinutes((Limit - _available) / Limit);
    }

    private void Refill(DateTimeOffset now)
    {
        var elapsed = now - _updatedAt;
        if (elapsed > TimeSpan.Zero)
        {
            _available = Math.Min(Limit, _available + (elapsed.TotalMinutes * Limit));
            _updatedAt = now;
        }
    }
}
