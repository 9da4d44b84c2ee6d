using System.Globalization;

namespace ChatGpt.Testing.Internal;

/// <summary>The request and token limits of one budget (a model, a group of models, or the account's default), enforced
/// in the chosen <see cref="EmulatorRateLimitMode"/>.</summary>
/// <remarks>The minute buckets always run: they are what the <c>x-ratelimit-*</c> headers describe, as the API's do. In
/// <see cref="EmulatorRateLimitMode.ShortWindows"/> a second pair of buckets holding one second's worth enforces the pace
/// within the minute, so a client that trusts <c>x-ratelimit-remaining-*</c> and fires it all at once meets 429s.</remarks>
internal sealed class ModelBudget
{
    private readonly RateLimitBucket _requests;
    private readonly RateLimitBucket _tokens;
    private readonly RateLimitBucket? _requestWindow;
    private readonly RateLimitBucket? _tokenWindow;

    public ModelBudget(int requestsPerMinute, int tokensPerMinute, EmulatorRateLimitMode mode, DateTimeOffset now)
    {
        Mode = mode;
        _requests = new RateLimitBucket(requestsPerMinute, now);
        _tokens = new RateLimitBucket(tokensPerMinute, now);
        if (mode == EmulatorRateLimitMode.ShortWindows)
        {
            _requestWindow = new RateLimitBucket(requestsPerMinute, requestsPerMinute / 60.0, now);
            _tokenWindow = new RateLimitBucket(tokensPerMinute, tokensPerMinute / 60.0, now);
        }
    }

    public EmulatorRateLimitMode Mode { get; }

    public int RequestsPerMinute => _requests.Limit;

    public int TokensPerMinute => _tokens.Limit;

    /// <summary>Requests used of the minute's budget, as the 429 message reports it.</summary>
    public int RequestsUsed => _requests.Limit - Math.Max(0, _requests.Remaining);

    /// <summary>Tokens used of the minute's budget, as the 429 message reports it.</summary>
    public int TokensUsed => _tokens.Limit - Math.Max(0, _tokens.Remaining);

    public bool HasRequestRoom(DateTimeOffset now, out TimeSpan wait) => HasRoom(_requests, _requestWindow, 1, now, out wait);

    public bool HasTokenRoom(long cost, DateTimeOffset now, out TimeSpan wait) => HasRoom(_tokens, _tokenWindow, cost, now, out wait);

    public void Take(long tokens)
    {
        _requests.Take(1);
        _requestWindow?.Take(1);
        _tokens.Take(tokens);
        _tokenWindow?.Take(tokens);
    }

    public void WriteHeaders(ResponsePlan plan, DateTimeOffset now)
    {
        plan.SetHeader("x-ratelimit-limit-requests", _requests.Limit.ToString(CultureInfo.InvariantCulture));
        plan.SetHeader("x-ratelimit-limit-tokens", _tokens.Limit.ToString(CultureInfo.InvariantCulture));
        plan.SetHeader("x-ratelimit-remaining-requests", Math.Max(0, _requests.Remaining).ToString(CultureInfo.InvariantCulture));
        plan.SetHeader("x-ratelimit-remaining-tokens", Math.Max(0, _tokens.Remaining).ToString(CultureInfo.InvariantCulture));
        plan.SetHeader("x-ratelimit-reset-requests", DurationFormat.Format(_requests.ResetIn(now)));
        plan.SetHeader("x-ratelimit-reset-tokens", DurationFormat.Format(_tokens.ResetIn(now)));
    }

    private static bool HasRoom(RateLimitBucket minute, RateLimitBucket? window, double cost, DateTimeOffset now, out TimeSpan wait)
    {
        var minuteRoom = minute.HasRoom(cost, now, out var minuteWait);
        var windowWait = TimeSpan.Zero;
        var windowRoom = window is null || window.HasRoom(cost, now, out windowWait);
        wait = minuteWait > windowWait ? minuteWait : windowWait;
        return minuteRoom && windowRoom;
    }
}
