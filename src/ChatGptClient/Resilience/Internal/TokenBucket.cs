namespace ChatGpt.Resilience.Internal;

/// <summary>
/// One dimension (requests or tokens) of a rate budget in <see cref="ChatGptInProcessRateBudgetStore"/>: a minute bucket
/// that mirrors the server's (capacity = the limit in force, refilled continuously at limit / window), and for learned
/// limits a burst allowance that starts at one second's worth and grows while the server does not throttle, so that a
/// server enforcing its limits over short windows is not flooded.
/// </summary>
/// <remarks>
/// <para>Not thread-safe: the store calls it under its lock. Time is in seconds on the store's monotonic clock.</para>
/// <para>Every value stays bounded whatever the server sends: the client has already bounded the learned values, a debt
/// never goes below minus one whole limit, and a learned limit not confirmed within the lifetime is dropped.</para>
/// </remarks>
internal sealed class TokenBucket
{
    /// <summary>Slack for floating-point refill, so that a timer due exactly at refill time does not miss by 1e-12.</summary>
    private const double Epsilon = 1e-6;

    private double? _configuredPerMinute;
    private double? _learnedLimit;
    private double _learnedWindowSeconds = 60;
    private double _learnedAt;
    private double _available = double.PositiveInfinity;
    private double _burstAvailable;
    private double _burstOrigin;
    private double _lastRefill;
    private bool _throttled;
    private double _burstGrowthPerSecond = ChatGptRateBudgetPolicy.DefaultBurstGrowthPerSecond;

    // From when the (unthrottled) burst allowance has grown to the whole limit: it only grows with time, so from then on
    // it is the capacity without raising the growth to a power (several times per call). NaN: not known; reset whenever
    // the limit, its window, the growth or the origin change.
    private double _burstFullSince = double.NaN;

    // The allowance at the last time asked: one decision asks it several times at one instant (refill, check, take).
    private double _burstAt = double.NaN;
    private double _burstAtValue;

    /// <summary>Whether any limit is known.</summary>
    public bool IsLimited => _configuredPerMinute.HasValue || _learnedLimit.HasValue;

    /// <summary>Whether a limit was learned from the server (and has not expired).</summary>
    public bool IsLearned => _learnedLimit.HasValue;

    /// <summary>Whether a 429 set the burst allowance back to one second's worth.</summary>
    public bool IsThrottled => _throttled;

    /// <summary>The most the minute bucket holds: the lower of the configured and learned limits (per their windows).</summary>
    public double Capacity => Math.Min(_configuredPerMinute ?? double.PositiveInfinity, _learnedLimit ?? double.PositiveInfinity);

    /// <summary>The window of the binding limit.</summary>
    public TimeSpan Window =>
        _learnedLimit is { } learned && (_configuredPerMinute is not { } configured || learned / _learnedWindowSeconds < configured / 60)
            ? TimeSpan.FromSeconds(_learnedWindowSeconds)
            : TimeSpan.FromMinutes(1);

    /// <summary>The refill per second of the binding limit.</summary>
    public double RatePerSecond => Math.Min(
        _configuredPerMinute is { } configured ? configured / 60 : double.PositiveInfinity,
        _learnedLimit is { } learned ? learned / _learnedWindowSeconds : double.PositiveInfinity);

    /// <summary>The budget left now (after <see cref="Refill"/>); negative is a debt.</summary>
    public double Available => _available;

    /// <summary>How old the learned limit is, in seconds, at <paramref name="now"/>.</summary>
    public double LearnedAge(double now) => now - _learnedAt;

    /// <summary>Sets the configured limit per minute (the caller's policy), refilling first.</summary>
    public void Configure(double? perMinute, double now)
    {
        Refill(now);
        if (perMinute is { } value && value <= 0)
        {
            perMinute = null;
        }

        var wasLimited = IsLimited;
        if (_configuredPerMinute != perMinute)
        {
            InvalidateBurst();
        }

        _configuredPerMinute = perMinute;
        if (!wasLimited && IsLimited)
        {
            _available = Capacity;
        }

        Clamp();
    }

    /// <summary>Drops a learned limit that no report confirmed within <paramref name="lifetimeSeconds"/>.</summary>
    /// <returns>Whether it expired now.</returns>
    public bool Expire(double now, double lifetimeSeconds)
    {
        if (_learnedLimit is null || now - _learnedAt <= lifetimeSeconds)
        {
            return false;
        }

        _learnedLimit = null;
        _learnedWindowSeconds = 60;
        _throttled = false;
        InvalidateBurst();
        if (!IsLimited)
        {
            _available = double.PositiveInfinity;
        }

        Clamp();
        return true;
    }

    /// <summary>Adds what the elapsed time refilled, to the minute bucket and to the burst allowance.</summary>
    public void Refill(double now)
    {
        // Never back in time: feedback applied as of when it was observed may come after a later refill.
        var elapsed = now - _lastRefill;
        if (elapsed <= 0)
        {
            return;
        }

        _lastRefill = now;
        if (!IsLimited)
        {
            return;
        }

        _available = Math.Min(Capacity, _available + (elapsed * RatePerSecond));
        if (IsLearned)
        {
            var burst = BurstCapacity(now);
            _burstAvailable = Math.Min(burst, _burstAvailable + (elapsed * BurstRefillPerSecond(burst)));
        }
    }

    /// <summary>Whether <paramref name="amount"/> can be taken now. A cost of 0 always can; a cost above the whole limit
    /// can when the bucket is full (it would never fit otherwise).</summary>
    public bool CanTake(double amount, double now)
    {
        if (amount <= 0 || !IsLimited)
        {
            return true;
        }

        var needed = Math.Min(amount, Capacity);
        if (_available + Epsilon < needed)
        {
            return false;
        }

        return !IsLearned || _burstAvailable + Epsilon >= Math.Min(amount, BurstCapacity(now));
    }

    public void Take(double amount, double now)
    {
        if (amount <= 0 || !IsLimited)
        {
            return;
        }

        _available = Math.Max(-Capacity, _available - amount);
        if (IsLearned)
        {
            _burstAvailable = Math.Max(-BurstCapacity(now), _burstAvailable - amount);
        }
    }

    /// <summary>What could be taken now without waiting: the minute bucket, and for a learned limit the burst allowance,
    /// whichever is less; unbounded when no limit is known.</summary>
    public double Spare() =>
        !IsLimited ? double.PositiveInfinity
        : Math.Max(0, IsLearned ? Math.Min(_available, _burstAvailable) : _available);

    /// <summary>How long until <paramref name="amount"/> could be taken, given nothing else is taken meanwhile.</summary>
    public TimeSpan TimeUntil(double amount, double now)
    {
        if (amount <= 0 || !IsLimited)
        {
            return TimeSpan.Zero;
        }

        var seconds = Math.Max(0, (Math.Min(amount, Capacity) - _available) / RatePerSecond);
        if (IsLearned)
        {
            var burst = BurstCapacity(now);
            seconds = Math.Max(seconds, (Math.Min(amount, burst) - _burstAvailable) / BurstRefillPerSecond(burst));
        }

        return ToWait(seconds);
    }

    /// <summary>
    /// Learns from the server: the limit and its window (bounded by the caller), and the budget left, which only ever
    /// lowers ours because our own requests still in flight may not be counted in it yet.
    /// </summary>
    public void Learn(long? limit, TimeSpan window, long? remaining, double now)
    {
        Refill(now);
        if (limit is > 0 and var l)
        {
            var fresh = _learnedLimit is null;
            var wasLimited = IsLimited;
            var windowSeconds = window > TimeSpan.Zero ? window.TotalSeconds : 60;
            if (_learnedLimit != l || _learnedWindowSeconds != windowSeconds)
            {
                InvalidateBurst();
            }

            _learnedLimit = l;
            _learnedWindowSeconds = windowSeconds;
            _learnedAt = now;
            if (!wasLimited)
            {
                _available = Capacity;
            }

            if (fresh)
            {
                // Released at the learned pace: (nearly) one second's worth at once, more while the server keeps up.
                _burstOrigin = now;
                InvalidateBurst();
                var burst = BurstCapacity(now);
                _burstAvailable = Math.Max(Math.Min(1, burst), burst * ReservedPace);
                _throttled = false;
            }
        }

        if (remaining is { } left && IsLimited && left < _available)
        {
            _available = Math.Max(0, left);
        }

        Clamp();
    }

    /// <summary>A 429: the server's short window is empty now, so is the burst allowance; it falls back to one second's
    /// worth, refilled a little slower than the limit (<see cref="ReservedPace"/>), and stops growing.</summary>
    public void Throttle(double now)
    {
        if (!IsLearned)
        {
            return;
        }

        _throttled = true;
        _burstAvailable = Math.Min(_burstAvailable, 0);
    }

    /// <summary>Charges (positive) or gives back (negative) budget after a cost was corrected; a charge is at most one
    /// whole limit and the debt never goes below minus one whole limit.</summary>
    public void Correct(double amount)
    {
        if (!IsLimited || amount == 0 || double.IsNaN(amount))
        {
            return;
        }

        var capacity = Capacity;
        _available = amount > 0
            ? Math.Max(-capacity, _available - Math.Min(amount, capacity))
            : Math.Min(capacity, _available - Math.Max(amount, -capacity));
    }

    /// <summary>The burst allowance: one second's worth of the limit (at least one unit), growing by
    /// <see cref="BurstGrowthPerSecond"/> each second since it was learned unless throttled, up to the whole limit.</summary>
    public double BurstCapacity(double now)
    {
        var oneSecond = Math.Max(1, RatePerSecond);
        if (_throttled)
        {
            return Math.Min(Capacity, oneSecond);
        }

        var capacity = Capacity;
        if (now >= _burstFullSince)
        {
            return capacity;
        }

        if (now == _burstAt)
        {
            return _burstAtValue;
        }

        var grown = oneSecond * Math.Pow(BurstGrowthPerSecond, Math.Max(0, now - _burstOrigin));
        if (!double.IsFinite(grown) || grown >= capacity)
        {
            _burstFullSince = double.IsNaN(_burstFullSince) ? now : Math.Min(_burstFullSince, now);
            return capacity;
        }

        _burstAt = now;
        _burstAtValue = grown;
        return grown;
    }

    /// <summary>
    /// The share of the server's window the allowance plans on where that window may be tight: the first burst after
    /// learning (the server's window is one second's worth at most, less the probe) and the pace after a 429. Sent at
    /// exactly the server's rate, calls arrive with the jitter of the network and of the senders' scheduling (several
    /// replicas more so), and every early arrival meets an empty window: a 429. Ten percent under it lets the server's
    /// window keep a reserve that absorbs the jitter.
    /// </summary>
    public const double ReservedPace = 0.90;

    /// <summary>How fast the burst allowance refills: its capacity per second while it grows (the pace probes upward, as
    /// a congestion window does), <see cref="ReservedPace"/> of it once a 429 has shown where the server's pace is.</summary>
    private double BurstRefillPerSecond(double burst) => _throttled ? burst * ReservedPace : burst;

    /// <summary>Set per call from the policy.</summary>
    public double BurstGrowthPerSecond
    {
        get => _burstGrowthPerSecond;
        set
        {
            if (value != _burstGrowthPerSecond)
            {
                _burstGrowthPerSecond = value;
                InvalidateBurst();
            }
        }
    }

    /// <summary>The limit, its window, the growth or the origin changed: what was remembered of the allowance is not.</summary>
    private void InvalidateBurst()
    {
        _burstFullSince = double.NaN;
        _burstAt = double.NaN;
    }

    private void Clamp()
    {
        if (!IsLimited)
        {
            _available = double.PositiveInfinity;
        }
        else if (double.IsPositiveInfinity(_available) || _available > Capacity)
        {
            _available = Capacity;
        }
    }

    private static TimeSpan ToWait(double seconds) =>
        seconds >= ResponseHeaderParser.MaxWait.TotalSeconds ? ResponseHeaderParser.MaxWait : TimeSpan.FromSeconds(seconds);
}
