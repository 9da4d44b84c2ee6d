namespace ChatGpt.Resilience.Internal;

/// <summary>
/// One budget of <see cref="AdaptiveRateLimiter"/> (requests or tokens): a bucket that refills continuously, as
/// OpenAI's limits do, with a capacity from configuration, from the server's headers, or both (the lower wins).
/// </summary>
/// <remarks>Not thread-safe: the limiter calls it under its lock.</remarks>
internal sealed class TokenBucket
{
    /// <summary>Slack for floating-point refill, so that a timer due exactly at refill time does not miss by 1e-12.</summary>
    private const double Epsilon = 1e-6;

    /// <summary>A learned window longer than this is a per-day limit (RPD / TPD), not a per-minute one.</summary>
    private static readonly TimeSpan DailyThreshold = TimeSpan.FromMinutes(10);

    private double? _configuredPerMinute;
    private double? _learnedLimit;
    private double _learnedWindowSeconds = 60;

    /// <summary>The budget left now; negative after a correction found the estimate too low (a debt).</summary>
    public double Available { get; private set; } = double.PositiveInfinity;

    /// <summary>Whether any limit is known.</summary>
    public bool IsLimited => _configuredPerMinute.HasValue || _learnedLimit.HasValue;

    /// <summary>The most the bucket holds.</summary>
    public double Capacity => Math.Min(_configuredPerMinute ?? double.PositiveInfinity, _learnedLimit ?? double.PositiveInfinity);

    /// <summary>The refill per second of the binding limit.</summary>
    public double RatePerSecond => Math.Min(
        _configuredPerMinute is { } configured ? configured / 60 : double.PositiveInfinity,
        _learnedLimit is { } learned ? learned / _learnedWindowSeconds : double.PositiveInfinity);

    /// <summary>The limit learned from the server, if any, per its window.</summary>
    public double? LearnedLimit => _learnedLimit;

    /// <summary>The window of the learned limit.</summary>
    public TimeSpan LearnedWindow => TimeSpan.FromSeconds(_learnedWindowSeconds);

    public void Configure(double? perMinute)
    {
        _configuredPerMinute = perMinute;
        ClampToCapacity();
    }

    /// <summary>Lowers the configured limit to <paramref name="perMinute"/> if that is tighter (never raises it).</summary>
    public void Tighten(double? perMinute)
    {
        if (perMinute is { } value && (_configuredPerMinute is not { } current || value < current))
        {
            Configure(value);
        }
    }

    /// <summary>Adds what the elapsed time refilled.</summary>
    public void Refill(double elapsedSeconds)
    {
        if (!IsLimited || elapsedSeconds <= 0)
        {
            return;
        }

        Available = Math.Min(Capacity, Available + (elapsedSeconds * RatePerSecond));
    }

    public bool CanTake(double amount) => !IsLimited || Available + Epsilon >= amount;

    public void Take(double amount)
    {
        if (IsLimited)
        {
            Available -= amount;
        }
    }

    /// <summary>Returns (negative <paramref name="amount"/>: charges) budget after a cost was corrected.</summary>
    public void Give(double amount)
    {
        if (IsLimited)
        {
            Available = Math.Min(Capacity, Available + amount);
        }
    }

    /// <summary>How long until <paramref name="amount"/> is available, given nothing else is taken meanwhile.</summary>
    public TimeSpan TimeUntil(double amount)
    {
        if (!IsLimited || Available + Epsilon >= amount)
        {
            return TimeSpan.Zero;
        }

        var seconds = (amount - Available) / RatePerSecond;
        return seconds >= ResponseHeaderParser.MaxWait.TotalSeconds ? ResponseHeaderParser.MaxWait : TimeSpan.FromSeconds(seconds);
    }

    /// <summary>
    /// Learns from the server's <c>x-ratelimit-limit-*</c>, <c>-remaining-*</c> and <c>-reset-*</c> headers: the limit,
    /// its window (per minute or per day, from how fast the used part resets), and the budget left, which only ever
    /// lowers ours because our own requests still in flight may not be counted in it yet.
    /// </summary>
    public void Learn(long? limit, long? remaining, TimeSpan? reset)
    {
        if (limit is > 0 and var l)
        {
            var wasLimited = IsLimited;
            _learnedLimit = l;
            if (remaining is { } r && r < l && reset is { } window && window > TimeSpan.Zero)
            {
                // The used part (l - r) refills in `reset`: at the limit's own pace that means a window of
                // reset * l / (l - r). Only the order of magnitude is trusted, as the header is rounded.
                var estimatedWindow = window.TotalSeconds * l / (l - r);
                _learnedWindowSeconds = estimatedWindow > DailyThreshold.TotalSeconds ? 86_400 : 60;
            }

            if (!wasLimited)
            {
                Available = Capacity;
            }
        }

        if (remaining is { } left && IsLimited && left < Available)
        {
            Available = left;
        }

        ClampToCapacity();
    }

    private void ClampToCapacity()
    {
        if (!IsLimited)
        {
            Available = double.PositiveInfinity;
        }
        else if (double.IsPositiveInfinity(Available) || Available > Capacity)
        {
            Available = Capacity;
        }
    }
}
