using ChatGpt.Resilience;
using ChatGpt.Resilience.Internal;
using Microsoft.Extensions.Time.Testing;

namespace ChatGpt.Tests.Resilience;

/// <summary>The rules of <see cref="IChatGptRateBudgetStore"/>, on the reference store, with exact fake-clock times.</summary>
public class InProcessRateBudgetStoreTests
{
    private static readonly ChatGptRateBudgetKey Key = new(ChatGptRateLimitKey.From(new ChatGptOptions { ApiKey = "sk-a" }), "gpt-4o-mini");
    private static readonly ChatGptRateBudgetPolicy Learning = new();

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TryAcquire_Cold_OneProbeOthersWaitForIt()
    {
        var store = CreateSut();

        var probe = store.TryAcquire(Key, Learning, 10);
        var second = store.TryAcquire(Key, Learning, 10);

        Assert.True(probe.Acquired);
        Assert.True(probe.IsProbe);
        Assert.False(second.Acquired);
        Assert.Equal(ChatGptRateBudgetWaitReason.Probe, second.WaitReason);
        Assert.Equal(ChatGptRateBudgetPolicy.DefaultProbeTimeout, second.RetryAfter);
        Assert.Equal(ChatGptRateBudgetPhase.Probing, second.Budget.Phase);
    }

    [Fact]
    public void TryAcquire_ProbeTimedOut_NextCallProbes()
    {
        var store = CreateSut();
        store.TryAcquire(Key, Learning, 10);

        _time.Advance(ChatGptRateBudgetPolicy.DefaultProbeTimeout);

        Assert.True(store.TryAcquire(Key, Learning, 10).IsProbe);
    }

    [Fact]
    public void Report_ProbeLearnedLimits_Releases90PercentOfOneSecondsWorth()
    {
        var store = CreateSut();
        store.TryAcquire(Key, Learning, 0);

        var budget = store.Report(Key, Learning, Learned(requests: 600, remaining: 599) with { ProbeEnded = true });

        Assert.Equal(ChatGptRateBudgetPhase.Limited, budget.Phase);
        Assert.Equal(600, budget.RequestLimit);
        // 600 a minute is 10 a second: the burst allowance starts at 90 % of one second's worth (a reserve for jitter).
        Assert.Equal(9, Granted(store, 100));
        Assert.Equal(ChatGptRateBudgetWaitReason.Requests, store.TryAcquire(Key, Learning, 0).WaitReason);
    }

    [Fact]
    public void Report_ProbeWithoutHeaders_UnlimitedForTheLifetimeThenColdAgain()
    {
        var store = CreateSut();
        store.TryAcquire(Key, Learning, 0);
        store.Report(Key, Learning, new ChatGptRateBudgetFeedback { NoLimitsReported = true, ProbeEnded = true });

        Assert.Equal(1_000, Granted(store, 1_000));

        _time.Advance(ChatGptRateBudgetPolicy.DefaultLearnedLifetime);
        Assert.True(store.TryAcquire(Key, Learning, 0).IsProbe);
    }

    [Fact]
    public void Report_ProbeFailed_NextCallProbesAtOnce()
    {
        var store = CreateSut();
        store.TryAcquire(Key, Learning, 0);

        store.Report(Key, Learning, new ChatGptRateBudgetFeedback { ProbeEnded = true });

        Assert.True(store.TryAcquire(Key, Learning, 0).IsProbe);
    }

    [Fact]
    public void Report_TinyLimit_CallAboveWholeBudgetSentWhenFullNotNever()
    {
        var store = CreateSut();
        store.Report(Key, Learning, Learned(tokens: 1, remainingTokens: 1));

        var first = store.TryAcquire(Key, Learning, 5_000);
        var second = store.TryAcquire(Key, Learning, 5_000);

        Assert.True(first.Acquired);
        Assert.False(second.Acquired);
        Assert.Equal(ChatGptRateBudgetWaitReason.Tokens, second.WaitReason);
        // The debt is one whole limit at most (1 token), so the wait is bounded by the window: 2 tokens at 1/60 per second.
        Assert.Equal(TimeSpan.FromSeconds(120), second.RetryAfter);
    }

    [Fact]
    public void Report_BadLimitNotConfirmed_ExpiresAfterTheLifetime()
    {
        var store = CreateSut();
        store.Report(Key, Learning, Learned(tokens: 1, remainingTokens: 0));
        Assert.False(store.TryAcquire(Key, Learning, 100).Acquired);

        _time.Advance(ChatGptRateBudgetPolicy.DefaultLearnedLifetime + TimeSpan.FromMilliseconds(1));

        var after = store.TryAcquire(Key, Learning, 100);
        Assert.True(after.Acquired);
        Assert.True(after.IsProbe);
    }

    [Fact]
    public void Report_HugeCorrection_DebtCappedAtOneWindow()
    {
        var store = CreateSut();
        store.Report(Key, Learning, Learned(tokens: 60_000, remainingTokens: 60_000));

        var budget = store.Report(Key, Learning, new ChatGptRateBudgetFeedback { TokenCorrection = long.MaxValue });
        Assert.Equal(0, budget.TokensAvailable);

        budget = store.Report(Key, Learning, new ChatGptRateBudgetFeedback { TokenCorrection = long.MaxValue });
        Assert.Equal(-60_000, budget.TokensAvailable);

        budget = store.Report(Key, Learning, new ChatGptRateBudgetFeedback { TokenCorrection = long.MinValue });
        Assert.Equal(0, budget.TokensAvailable);
    }

    [Fact]
    public void TryAcquire_ZeroCost_NeverHeldByTokenDebt()
    {
        var store = CreateSut();
        store.Report(Key, Learning, Learned(requests: 6_000, remaining: 6_000, tokens: 1_000, remainingTokens: 0));

        Assert.False(store.TryAcquire(Key, Learning, 1).Acquired);
        Assert.True(store.TryAcquire(Key, Learning, 0).Acquired);
    }

    [Fact]
    public void Report_PauseLongerThanAMinute_CappedAtOneMinute()
    {
        var store = CreateSut();
        store.Report(Key, Learning, Learned(requests: 600, remaining: 600) with { Pause = TimeSpan.FromHours(5) });

        var held = store.TryAcquire(Key, Learning, 0);

        Assert.Equal(ChatGptRateBudgetWaitReason.Paused, held.WaitReason);
        Assert.Equal(TimeSpan.FromMinutes(1), held.RetryAfter);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(store.TryAcquire(Key, Learning, 0).Acquired);
    }

    [Fact]
    public void TryAcquire_BurstGrowsWhileServerKeepsUp_ThrottleSetsItBack()
    {
        var store = CreateSut();
        store.Report(Key, Learning, Learned(requests: 6_000, remaining: 6_000));
        Assert.Equal(90, Granted(store, 10_000));

        // Two seconds on, the allowance has grown by 1.25^2 and refilled at that pace.
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(156, Granted(store, 10_000));

        // A 429: the server's window is empty, so is the allowance; it refills at 90 % of the limit (jitter reserve) and
        // holds one second's worth at most.
        _time.Advance(TimeSpan.FromSeconds(0.5));
        store.Report(Key, Learning, new ChatGptRateBudgetFeedback { Throttled = true });
        Assert.Equal(0, Granted(store, 10_000));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(90, Granted(store, 10_000));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(100, Granted(store, 10_000));
        Assert.True(store.Report(Key, Learning, default).IsThrottled);
    }

    [Fact]
    public void TryAcquire_ConfiguredOnly_FullMinuteBucketNoProbe()
    {
        var store = CreateSut();
        var policy = new ChatGptRateBudgetPolicy { RequestsPerMinute = 60, Learn = false };

        Assert.False(store.TryAcquire(Key, policy, 0).IsProbe);
        Assert.Equal(59, Granted(store, 1_000, policy));
    }

    [Fact]
    public void TryAcquire_AccountWideLimit_SharedByEveryModel()
    {
        var store = CreateSut();
        var policy = new ChatGptRateBudgetPolicy { RequestsPerMinute = 100, AccountRequestsPerMinute = 3, Learn = false };
        var other = new ChatGptRateBudgetKey(Key.Account, "gpt-4o");

        Assert.True(store.TryAcquire(Key, policy, 0).Acquired);
        Assert.True(store.TryAcquire(other, policy, 0).Acquired);
        Assert.True(store.TryAcquire(Key, policy, 0).Acquired);
        var refused = store.TryAcquire(other, policy, 0);

        Assert.Equal(ChatGptRateBudgetWaitReason.AccountRequests, refused.WaitReason);
    }

    [Fact]
    public void TryAcquire_OtherModel_OwnBudgetAndOwnColdStart()
    {
        var store = CreateSut();
        store.Report(Key, Learning, Learned(requests: 60, remaining: 0));
        var other = new ChatGptRateBudgetKey(Key.Account, "gpt-4o");

        Assert.False(store.TryAcquire(Key, Learning, 0).Acquired);
        Assert.True(store.TryAcquire(other, Learning, 0).IsProbe);
    }

    [Fact]
    public void Report_RemainingOnlyLowers_NeverBelowZero()
    {
        var store = CreateSut();
        store.Report(Key, Learning, Learned(requests: 600, remaining: 100));

        var budget = store.Report(Key, Learning, Learned(requests: 600, remaining: 500));

        Assert.Equal(100, budget.RequestsAvailable);
    }

    [Fact]
    public void Key_StoreKey_HasNoSecretAndSeparatesAccounts()
    {
        var account = ChatGptRateLimitKey.From(new ChatGptOptions { ApiKey = "sk-secret-value", BaseAddress = new Uri("https://user:pa55word@api.test.invalid/v1/") });
        var key = new ChatGptRateBudgetKey(account, "gpt-4o");

        Assert.DoesNotContain("sk-secret-value", key.StoreKey, StringComparison.Ordinal);
        Assert.DoesNotContain("pa55word", key.StoreKey + account, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{32}:gpt-4o$", key.StoreKey);
        Assert.NotEqual(key.AccountId, new ChatGptRateBudgetKey(ChatGptRateLimitKey.From(new ChatGptOptions { ApiKey = "sk-other" }), "gpt-4o").AccountId);
    }

    internal static ChatGptRateBudgetFeedback Learned(long? requests = null, long? remaining = null, long? tokens = null, long? remainingTokens = null) => new()
    {
        RequestLimit = requests,
        RemainingRequests = remaining,
        RequestWindow = TimeSpan.FromMinutes(1),
        TokenLimit = tokens,
        RemainingTokens = remainingTokens,
        TokenWindow = TimeSpan.FromMinutes(1),
    };

    private int Granted(ChatGptInProcessRateBudgetStore store, int attempts, ChatGptRateBudgetPolicy? policy = null)
    {
        var granted = 0;
        while (granted < attempts && store.TryAcquire(Key, policy ?? Learning, 0).Acquired)
        {
            granted++;
        }

        return granted;
    }

    private ChatGptInProcessRateBudgetStore CreateSut() => new(_time);
}
