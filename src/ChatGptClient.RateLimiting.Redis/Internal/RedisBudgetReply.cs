using System.Globalization;
using ChatGpt.Resilience;
using StackExchange.Redis;

namespace ChatGpt.RateLimiting.Redis.Internal;

/// <summary>What a budget script answered: the decision and the budget's state afterwards (see
/// <see cref="RedisBudgetScripts"/>). Durations and ages are in seconds.</summary>
internal readonly record struct RedisBudgetReply(
    bool Granted,
    bool IsProbe,
    double WaitSeconds,
    int Reason,
    int Phase,
    double? RequestLimit,
    double RequestWindowSeconds,
    double? TokenLimit,
    double TokenWindowSeconds,
    double? RequestsAvailable,
    double? TokensAvailable,
    bool IsLearned,
    double? LearnedAgeSeconds,
    bool IsThrottled,
    int Replicas = 1)
{
    private const int Length = 14;

    /// <summary>Reads a script's answer; a reply of another shape (a server that is not Redis-compatible enough) is an
    /// error the store treats as a fault.</summary>
    public static RedisBudgetReply Parse(RedisResult result)
    {
        // The acquisition adds how many replicas share the account (a 15th element).
        if (result.Resp2Type != ResultType.Array || (RedisResult[]?)result is not { Length: Length or Length + 1 } items)
        {
            throw new RedisException("The rate budget script answered with an unexpected shape.");
        }

        return new RedisBudgetReply(
            Integer(items[0]) == 1,
            Integer(items[1]) == 1,
            Number(items[2]) ?? 0,
            (int)Integer(items[3]),
            (int)Integer(items[4]),
            Number(items[5]),
            Number(items[6]) ?? 60,
            Number(items[7]),
            Number(items[8]) ?? 60,
            Number(items[9]),
            Number(items[10]),
            Integer(items[11]) == 1,
            Number(items[12]),
            Integer(items[13]) == 1,
            items.Length > Length ? (int)Math.Clamp(Integer(items[Length]), 1, RedisRateLimitingDefaults.MaxReplicas) : 1);
    }

    public ChatGptRateBudgetSnapshot ToSnapshot(string modelGroup) => new()
    {
        ModelGroup = modelGroup,
        Phase = (ChatGptRateBudgetPhase)Phase,
        RequestLimit = Saturate(RequestLimit),
        RequestWindow = TimeSpan.FromSeconds(RequestWindowSeconds),
        TokenLimit = Saturate(TokenLimit),
        TokenWindow = TimeSpan.FromSeconds(TokenWindowSeconds),
        RequestsAvailable = RequestsAvailable,
        TokensAvailable = TokensAvailable,
        IsLearned = IsLearned,
        LearnedAge = LearnedAgeSeconds is { } age ? TimeSpan.FromSeconds(Math.Max(0, age)) : null,
        IsThrottled = IsThrottled,
    };

    public ChatGptRateBudgetAcquisition ToAcquisition(string modelGroup) => new(
        Granted,
        IsProbe,
        Granted ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Clamp(WaitSeconds, 0.001, MaxWaitSeconds)),
        Granted ? ChatGptRateBudgetWaitReason.None : (ChatGptRateBudgetWaitReason)Reason,
        ToSnapshot(modelGroup));

    /// <summary>A wait longer than a day means "a daily limit is spent": say a day, the caller asks again then.</summary>
    private const double MaxWaitSeconds = 86_400;

    private static long? Saturate(double? value) => value switch
    {
        null => null,
        >= long.MaxValue => long.MaxValue,
        var v => (long)Math.Ceiling(v.Value),
    };

    private static long Integer(RedisResult item) => item.IsNull ? 0 : (long)item;

    private static double? Number(RedisResult item)
    {
        var text = (string?)item;
        return text switch
        {
            null or "" => null,
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
    }
}
