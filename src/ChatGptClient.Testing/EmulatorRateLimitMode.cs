namespace ChatGpt.Testing;

/// <summary>How <see cref="ChatGptEmulator"/> enforces its per-minute limits (<see cref="ChatGptEmulator.RateLimitMode"/>).</summary>
public enum EmulatorRateLimitMode
{
    /// <summary>One bucket per limit that holds a whole minute's worth and refills continuously over a minute: a burst
    /// of up to the whole limit passes at once.</summary>
    MinuteBucket,

    /// <summary>Like the API: the per-minute limits are enforced over short windows, with a burst capacity of one
    /// second's worth (<c>limit / 60</c>, at least one request) that refills continuously. A burst larger than that is
    /// answered with 429s even when the minute's budget, as the <c>x-ratelimit-remaining-*</c> headers report it, is not
    /// used up; a request whose tokens exceed one second's worth passes when the window is full and is paid back over
    /// the following seconds.</summary>
    ShortWindows,
}
