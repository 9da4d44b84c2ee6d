namespace ChatGpt.Testing.Internal;

/// <summary>A per-minute limit as the API applies it: a bucket that refills continuously at <see cref="Limit"/> units a
/// minute up to <see cref="Capacity"/> (so <c>x-ratelimit-reset-*</c> is the time until it is full again).</summary>
/// <remarks>With a capacity of the whole limit this is the full-minute bucket; with a capacity of one second's worth it
/// is the short-window enforcement that lets no more than a second's share of the minute through at once. A request that
/// costs more than the capacity (but no more than the limit) is let through when the bucket is full and leaves it in debt,
/// so large requests still pass at the limit's average pace.</remarks>
internal sealed class RateLimitBucket
{
    private double _available;
    private DateTimeOffset _updatedAt;

    public RateLimitBucket(int limit, DateTimeOffset now)
        : this(limit, limit, now)
    {
    }

    public RateLimitBucket(int limit, double capacity, DateTimeOffset now)
    {
        Limit = limit;
        Capacity = Math.Clamp(capacity, 1, limit);
        _available = Capacity;
        _updatedAt = now;
    }

    /// <summary>Units per minute.</summary>
    public int Limit { get; }

    /// <summary>The most units the bucket holds (the burst it lets through at once).</summary>
    public double Capacity { get; }

    public int Remaining => (int)Math.Floor(_available);

    /// <summary>Whether <paramref name="cost"/> units are available now; otherwise how long until they are.</summary>
    public bool HasRoom(double cost, DateTimeOffset now, out TimeSpan retryAfter)
    {
        Refill(now);
        if (cost > Limit)
        {
            retryAfter = TimeSpan.FromMinutes(1);
            return false;
        }

        // A cost above the capacity can never fit whole: it needs a full bucket and then runs it into debt.
        var needed = Math.Min(cost, Capacity);
        if (needed <= _available)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = TimeSpan.FromMinutes((needed - _available) / Limit);
        return false;
    }

    public void Take(double cost) => _available -= cost;

    /// <summary>The time until the bucket is full again.</summary>
    public TimeSpan ResetIn(DateTimeOffset now)
    {
        Refill(now);
        return TimeSpan.FromMinutes(Math.Max(0, Capacity - _available) / Limit);
    }

    private void Refill(DateTimeOffset now)
    {
        var elapsed = now - _updatedAt;
        if (elapsed > TimeSpan.Zero)
        {
            _available = Math.Min(Capacity, _available + (elapsed.TotalMinutes * Limit));
            _updatedAt = now;
        }
    }
}
