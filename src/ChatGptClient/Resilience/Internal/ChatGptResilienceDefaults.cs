namespace ChatGpt.Resilience.Internal;

/// <summary>The defaults of <see cref="ChatGptResilienceOptions"/>, in one place so a test can pin them.</summary>
internal static class ChatGptResilienceDefaults
{
    /// <summary>Three retries, as openai-dotnet (the Python and Node SDKs use two): with waits that follow the server's
    /// word, one more try costs little and saves many calls during a short overload.</summary>
    public const int MaxRetries = 3;

    /// <summary>The first backoff step, as the official SDKs (0.5 s, doubling).</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(0.5);

    /// <summary>The longest single wait: long enough for OpenAI's usual per-minute <c>Retry-After</c> values.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(60);

    /// <summary>Half of the default total timeout: long enough for a long non-streaming completion of a reasoning
    /// model, short enough that a hung attempt still leaves time for a retry.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The longest silence between two events of a stream before it counts as dead: reasoning models may
    /// think for minutes before their first token.</summary>
    public static readonly TimeSpan StreamIdleTimeout = TimeSpan.FromMinutes(5);

    /// <summary>How many requests may wait for the rate limiter before new ones are rejected.</summary>
    public const int QueueLimit = 1000;

    /// <summary>Added to every wait the server asked for. System timers tick on a coarse clock (on Linux a few
    /// milliseconds) and can fire that much early; without the pad a retry could arrive a hair before the server's
    /// <c>Retry-After</c>, which is exactly what the server asked not to happen.</summary>
    public static readonly TimeSpan ServerWaitPadding = TimeSpan.FromMilliseconds(10);

    /// <summary>The share of each backoff step that jitter may remove (the official SDKs use 25 %).</summary>
    public const double JitterFraction = 0.25;
}
