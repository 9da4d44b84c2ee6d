using ChatGpt.Resilience;
using ChatGpt.Resilience.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using ChatGpt.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace ChatGpt.Tests.Resilience;

/// <summary>
/// The local queue of a budget over the in-process store. The store answers synchronously and the queue's timer runs
/// inside <see cref="FakeTimeProvider.Advance"/>, so a waiter's task is complete (or not) the moment the clock has moved:
/// every wait is asserted exactly, with no real time.
/// </summary>
public sealed class RateBudgetQueueTests : IDisposable
{
    private static readonly ChatGptRateBudgetKey Key = new(ChatGptRateLimitKey.From(new ChatGptOptions { ApiKey = "sk-q" }), "gpt-4o-mini");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly List<RateBudgetQueue> _queues = [];

    [Fact]
    public void AcquireAsync_RequestsSpent_WaitsExactlyForTheRefill()
    {
        var queue = CreateSut(new ChatGptRateBudgetPolicy { RequestsPerMinute = 60, Learn = false });
        for (var i = 0; i < 60; i++)
        {
            Assert.True(Done(queue.AcquireAsync(0, null, default)).Acquired);
        }

        var waiting = queue.AcquireAsync(1, null, default).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(waiting.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(waiting.IsCompletedSuccessfully);
        Assert.True(Done(waiting).Acquired);
    }

    [Fact]
    public void AcquireAsync_LargeCallAtHead_SmallCallsBehindItDoNotOvertake()
    {
        var queue = CreateSut(new ChatGptRateBudgetPolicy { TokensPerMinute = 6_000, Learn = false });
        Assert.True(Done(queue.AcquireAsync(6_000, null, default)).Acquired);

        var large = queue.AcquireAsync(3_000, null, default).AsTask();
        var small = queue.AcquireAsync(10, null, default).AsTask();

        // 100 tokens/s: after 1 s the small call would fit, but it waits its turn.
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(large.IsCompleted);
        Assert.False(small.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.True(Done(large).Acquired);
        Assert.False(small.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(Done(small).Acquired);
    }

    [Fact]
    public void AcquireAsync_ZeroCost_PassesCallsHeldByTokens()
    {
        var queue = CreateSut(new ChatGptRateBudgetPolicy { TokensPerMinute = 600, Learn = false });
        Assert.True(Done(queue.AcquireAsync(600, null, default)).Acquired);
        var held = queue.AcquireAsync(300, null, default).AsTask();

        var models = queue.AcquireAsync(0, null, default).AsTask();

        Assert.True(models.IsCompletedSuccessfully);
        Assert.True(Done(models).Acquired);
        Assert.False(held.IsCompleted);
    }

    [Fact]
    public void AcquireAsync_WaitPastDeadline_RefusedAtOnceAndCounted()
    {
        var queue = CreateSut(new ChatGptRateBudgetPolicy { RequestsPerMinute = 1, Learn = false });
        Assert.True(Done(queue.AcquireAsync(0, null, default)).Acquired);

        var lease = Done(queue.AcquireAsync(1, _time.GetUtcNow() + TimeSpan.FromSeconds(10), default));

        Assert.False(lease.Acquired);
        Assert.Equal(TimeSpan.FromSeconds(60), lease.RetryAfter);
        Assert.Contains("before its timeout", lease.Reason, StringComparison.Ordinal);
        Assert.Equal(1, queue.FailedLeases);
        Assert.Equal(0, queue.QueuedCount);
    }

    [Fact]
    public void AcquireAsync_QueueFull_RefusedWithRetryAfter()
    {
        var queue = CreateSut(new ChatGptRateBudgetPolicy { RequestsPerMinute = 1, Learn = false }, queueLimit: 1);
        Assert.True(Done(queue.AcquireAsync(0, null, default)).Acquired);
        var queued = queue.AcquireAsync(1, null, default).AsTask();

        var refused = Done(queue.AcquireAsync(1, null, default));

        Assert.False(queued.IsCompleted);
        Assert.False(refused.Acquired);
        Assert.Contains("queue is full", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(120), refused.RetryAfter);
        Assert.Equal(1, queue.FailedLeases);
    }

    [Fact]
    public void AcquireAsync_CancelledWhileQueued_CancelsAndFreesTheHead()
    {
        var queue = CreateSut(new ChatGptRateBudgetPolicy { TokensPerMinute = 600, Learn = false });
        Assert.True(Done(queue.AcquireAsync(600, null, default)).Acquired);
        using var cancellation = new CancellationTokenSource();
        var large = queue.AcquireAsync(600, null, cancellation.Token).AsTask();
        var small = queue.AcquireAsync(10, null, default).AsTask();

        cancellation.Cancel();
        Assert.True(large.IsCanceled);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(Done(small).Acquired);
    }

    [Fact]
    public void AcquireAsync_ColdBudget_OthersWaitForTheProbeAndGoWhenItReports()
    {
        var queue = CreateSut(new ChatGptRateBudgetPolicy());
        var probe = Done(queue.AcquireAsync(10, null, default));
        var second = queue.AcquireAsync(10, null, default).AsTask();
        var third = queue.AcquireAsync(10, null, default).AsTask();
        Assert.True(probe.IsProbe);
        Assert.False(second.IsCompleted);

        queue.Report(InProcessRateBudgetStoreTests.Learned(requests: 60, remaining: 59) with { ProbeEnded = true });

        // One second's worth of 60 a minute is one call: the next goes now, the one after a second later.
        Assert.True(Done(second).Acquired);
        Assert.False(third.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(Done(third).Acquired);
    }

    [Fact]
    public void AcquireAsync_StoreThrows_CallPasses()
    {
        var queue = new RateBudgetQueue(new ThrowingStore(), Key, new ChatGptRateBudgetPolicy(), 10, _time, NullLogger.Instance);
        _queues.Add(queue);

        Assert.True(Done(queue.AcquireAsync(10, null, default)).Acquired);
        queue.Report(new ChatGptRateBudgetFeedback { ProbeEnded = true });
    }

    [Fact]
    public void CorrectTokens_UsageOfIntMinValue_RefundsAtMostTheEstimate()
    {
        var queue = CreateSut(new ChatGptRateBudgetPolicy { TokensPerMinute = 1_000, Learn = false });
        Assert.True(Done(queue.AcquireAsync(100, null, default)).Acquired);

        queue.CorrectTokens(100, int.MinValue);

        Assert.Equal(1_000, queue.Current().TokensAvailable);
    }

    [Fact]
    public async Task AcquireAsync_SharedStoreAnsweringLater_BurstAsksItOneAtATimeInOrder()
    {
        var clock = new SteppingClock();
        var store = new GatedStore();
        var queue = new RateBudgetQueue(store, Key, new ChatGptRateBudgetPolicy(), 100, clock, NullLogger.Instance);
        _queues.Add(queue);

        var burst = Enumerable.Range(0, 5).Select(_ => queue.AcquireAsync(1, null, default).AsTask()).ToList();

        // Five calls at once, one question to the store; each answer lets the next call (in arrival order) ask.
        for (var answered = 0; answered < 5; answered++)
        {
            await store.NextQuestionAsync();
            store.AnswerNext(granted: answered != 1);
            if (answered == 1)
            {
                // Refused: the same call asks again when the store's hint (10 ms) has passed, still first in line.
                await clock.WhenWaitingAsync();
                clock.Advance(TimeSpan.FromMilliseconds(10));
                await store.NextQuestionAsync();
                store.AnswerNext(granted: true);
            }

            await burst[answered].WaitAsync(TimeSpan.FromSeconds(10));
            Assert.All(burst.Skip(answered + 1), b => Assert.False(b.IsCompleted));
        }

        Assert.Equal(1, store.MostInFlight);
        Assert.Equal(6, store.Asked);
    }

    [Fact]
    public void Report_SharedStore_RoutineFeedbackHeldAndSentWithTheNextThatMatters()
    {
        var store = new RecordingStore(_time);
        var queue = new RateBudgetQueue(store, Key, new ChatGptRateBudgetPolicy(), 100, _time, NullLogger.Instance);
        _queues.Add(queue);
        queue.Report(new ChatGptRateBudgetFeedback { RequestLimit = 600, RequestWindow = TimeSpan.FromMinutes(1), RemainingRequests = 599, ProbeEnded = true });

        _time.Advance(TimeSpan.FromMilliseconds(50));
        queue.Report(new ChatGptRateBudgetFeedback { RequestLimit = 600, RequestWindow = TimeSpan.FromMinutes(1), RemainingRequests = 590 });
        queue.Report(new ChatGptRateBudgetFeedback { TokenCorrection = 5 });
        queue.Report(new ChatGptRateBudgetFeedback { TokenCorrection = 7 });
        var heldCount = store.Reports.Count;
        queue.Report(new ChatGptRateBudgetFeedback { Throttled = true, Pause = TimeSpan.FromMilliseconds(20) });
        var throttled = store.Reports[^1];

        _time.Advance(TimeSpan.FromMilliseconds(100));
        queue.Report(new ChatGptRateBudgetFeedback { TokenCorrection = 1 });
        var countWithinInterval = store.Reports.Count;
        _time.Advance(TimeSpan.FromMilliseconds(150));
        queue.Report(new ChatGptRateBudgetFeedback { TokenCorrection = 2 });

        Assert.Equal(1, heldCount);                         // only the probe's report went out at once
        Assert.True(throttled.Throttled);                   // a 429 goes at once, with what was held
        Assert.Equal(12, throttled.TokenCorrection);
        Assert.Equal(590, throttled.RemainingRequests);
        Assert.Equal(600, throttled.RequestLimit);
        Assert.Equal(2, countWithinInterval);
        Assert.Equal(3, store.Reports.Count);               // 250 ms after the last report, routine feedback goes again
        Assert.Equal(3, store.Reports[^1].TokenCorrection);
    }

    [Fact]
    public void AcquireAsync_PlentyOfBudget_LeasesCallsAheadThatReadersSeeUnspent()
    {
        var store = new ChatGptInProcessRateBudgetStore(_time);
        var policy = new ChatGptRateBudgetPolicy { RequestsPerMinute = 6_000, Learn = false };
        var queue = CreateSut(store, policy);

        // The first grant takes 16 more calls ahead; the next calls are handed out from them without asking the store.
        for (var i = 0; i < 5; i++)
        {
            Assert.True(Done(queue.AcquireAsync(10, null, default)).Acquired);
        }

        Assert.Equal(6_000 - 1 - ChatGptInProcessRateBudgetStore.MaxLeaseCalls, StoreView(store, policy).RequestsAvailable!.Value, precision: 6);
        Assert.Equal(5, queue.SuccessfulLeases);

        // A reader gets the unspent lease back into the budget first.
        Assert.Equal(6_000 - 5, queue.Current().RequestsAvailable!.Value, precision: 6);
        Assert.Equal(6_000 - 5, StoreView(store, policy).RequestsAvailable!.Value, precision: 6);
    }

    [Fact]
    public void AcquireAsync_LittleBudgetToSpare_LeasesNothing()
    {
        var store = new ChatGptInProcessRateBudgetStore(_time);
        var policy = new ChatGptRateBudgetPolicy { RequestsPerMinute = 10, Learn = false };
        var queue = CreateSut(store, policy);

        for (var i = 0; i < 3; i++)
        {
            Assert.True(Done(queue.AcquireAsync(1, null, default)).Acquired);
            Assert.Equal(10 - (i + 1), StoreView(store, policy).RequestsAvailable!.Value, precision: 6);
        }
    }

    [Fact]
    public void AcquireAsync_LearnedLimitAtItsFirstBurst_LeasesNoMoreThanAShareOfTheBurst()
    {
        var store = new ChatGptInProcessRateBudgetStore(_time);
        var policy = new ChatGptRateBudgetPolicy();
        var queue = CreateSut(store, policy);
        Assert.True(Done(queue.AcquireAsync(1, null, default)).IsProbe);
        queue.Report(new ChatGptRateBudgetFeedback { RequestLimit = 600, RequestWindow = TimeSpan.FromMinutes(1), RemainingRequests = 599, ProbeEnded = true });

        // 600 a minute: a burst of 10 a second at first, of which a sixteenth is less than one call.
        Assert.True(Done(queue.AcquireAsync(1, null, default)).Acquired);
        Assert.Equal(598, StoreView(store, policy).RequestsAvailable!.Value, precision: 6);
    }

    [Fact]
    public void Report_Throttled_GivesTheUnspentLeaseBackAndHandsOutNoMore()
    {
        var store = new ChatGptInProcessRateBudgetStore(_time);
        var policy = new ChatGptRateBudgetPolicy { RequestsPerMinute = 6_000, Learn = false };
        var queue = CreateSut(store, policy);
        Assert.True(Done(queue.AcquireAsync(1, null, default)).Acquired);

        queue.Report(new ChatGptRateBudgetFeedback { Throttled = true, Pause = TimeSpan.FromSeconds(2) });

        Assert.Equal(6_000 - 1, StoreView(store, policy).RequestsAvailable!.Value, precision: 6);
        var paused = queue.AcquireAsync(1, null, default).AsTask();
        Assert.False(paused.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(Done(paused).Acquired);
    }

    /// <summary>The budget as the store holds it, read without changing it.</summary>
    private static ChatGptRateBudgetSnapshot StoreView(ChatGptInProcessRateBudgetStore store, ChatGptRateBudgetPolicy policy) =>
        store.Report(Key, policy, new ChatGptRateBudgetFeedback());

    [Fact]
    public void Report_RoutineHeaders_HeldUntilTheNextQuestionAndAppliedAsOfWhenTheyWereObserved()
    {
        var queue = CreateSut(new ChatGptRateBudgetPolicy());
        Assert.True(Done(queue.AcquireAsync(1, null, default)).IsProbe);
        queue.Report(new ChatGptRateBudgetFeedback { RequestLimit = 60, RequestWindow = TimeSpan.FromMinutes(1), RemainingRequests = 59, ProbeEnded = true });
        Assert.Equal(ChatGptRateBudgetPhase.Limited, queue.LastKnown.Phase);

        // The server says the minute is spent: held (same limit, nobody waiting), but a reader sees it.
        queue.Report(new ChatGptRateBudgetFeedback { RequestLimit = 60, RequestWindow = TimeSpan.FromMinutes(1), RemainingRequests = 0 });
        Assert.Equal(0, queue.Current().RequestsAvailable!.Value, precision: 6);

        // Half a minute later half the minute is back: the held word counts from when it was said, not from now.
        queue.Report(new ChatGptRateBudgetFeedback { RequestLimit = 60, RequestWindow = TimeSpan.FromMinutes(1), RemainingRequests = 0 });
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(Done(queue.AcquireAsync(1, null, default)).Acquired);
        Assert.Equal(29, queue.LastKnown.RequestsAvailable!.Value, precision: 6);
    }

    [Fact]
    public void Report_PauseAfterHeldHeaders_PausesFromNowNotFromTheHeldHeaders()
    {
        var queue = CreateSut(new ChatGptRateBudgetPolicy());
        Assert.True(Done(queue.AcquireAsync(1, null, default)).IsProbe);
        queue.Report(new ChatGptRateBudgetFeedback { RequestLimit = 600, RequestWindow = TimeSpan.FromMinutes(1), RemainingRequests = 599, ProbeEnded = true });
        queue.Report(new ChatGptRateBudgetFeedback { RequestLimit = 600, RequestWindow = TimeSpan.FromMinutes(1), RemainingRequests = 500 });
        _time.Advance(TimeSpan.FromSeconds(10));

        // A 429 asking for 5 s, without rate-limit headers: the pause runs from now, whatever was held 10 s ago.
        queue.Report(new ChatGptRateBudgetFeedback { Throttled = true, Pause = TimeSpan.FromSeconds(5) });
        var next = queue.AcquireAsync(1, null, default).AsTask();

        _time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.True(Done(next).Acquired);
    }

    [Fact]
    public void CorrectTokens_Held_ChargedBeforeTheNextQuestion()
    {
        var queue = CreateSut(new ChatGptRateBudgetPolicy { TokensPerMinute = 1_000, Learn = false });
        Assert.True(Done(queue.AcquireAsync(100, null, default)).Acquired);

        // The call used 1,000 tokens, not 100: the next call of 100 must wait for the 900 charged after it.
        queue.CorrectTokens(100, 1_000);
        var next = queue.AcquireAsync(100, null, default).AsTask();

        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(6)); // 1,000 a minute: 100 tokens take 6 s
        Assert.True(Done(next).Acquired);
    }

    [Fact]
    public void CorrectTokens_NobodyWaiting_HeldUntilTheNextQuestionOrAReader()
    {
        var store = new ChatGptInProcessRateBudgetStore(_time);
        var policy = new ChatGptRateBudgetPolicy { TokensPerMinute = 1_000, Learn = false };
        var queue = CreateSut(store, policy);
        Assert.True(Done(queue.AcquireAsync(100, null, default)).Acquired);

        queue.CorrectTokens(100, 300);
        queue.CorrectTokens(100, 150);

        Assert.Equal(900, StoreView(store, policy).TokensAvailable!.Value, precision: 6);
        Assert.Equal(650, queue.Current().TokensAvailable!.Value, precision: 6);
        Assert.Equal(650, StoreView(store, policy).TokensAvailable!.Value, precision: 6);
    }

    [Fact]
    public void CorrectTokens_SomeoneWaiting_RefundSentAtOnceAndReleasesThem()
    {
        var queue = CreateSut(new ChatGptRateBudgetPolicy { TokensPerMinute = 6_000, Learn = false });
        Assert.True(Done(queue.AcquireAsync(6_000, null, default)).Acquired);
        var waiting = queue.AcquireAsync(3_000, null, default).AsTask();
        Assert.False(waiting.IsCompleted);

        // The first call used 1,000 of the 6,000 it reserved: the refund is not held while a call waits for it.
        queue.CorrectTokens(6_000, 1_000);

        Assert.True(Done(waiting).Acquired);
    }

    /// <summary>The result of an acquisition that must already be complete (the clock has moved, or it passed at once).</summary>
    private static RateBudgetLease Done(ValueTask<RateBudgetLease> pending)
    {
        Assert.True(pending.IsCompletedSuccessfully);
        return pending.Result;
    }

    private static RateBudgetLease Done(Task<RateBudgetLease> pending)
    {
        Assert.True(pending.IsCompletedSuccessfully);
        return pending.Result;
    }

    public void Dispose()
    {
        foreach (var queue in _queues)
        {
            queue.Dispose();
        }
    }

    private RateBudgetQueue CreateSut(ChatGptRateBudgetPolicy policy, int queueLimit = 1_000) =>
        CreateSut(new ChatGptInProcessRateBudgetStore(_time), policy, queueLimit);

    private RateBudgetQueue CreateSut(ChatGptInProcessRateBudgetStore store, ChatGptRateBudgetPolicy policy, int queueLimit = 1_000)
    {
        var queue = new RateBudgetQueue(store, Key, policy, queueLimit, _time, NullLogger.Instance);
        _queues.Add(queue);
        return queue;
    }

    /// <summary>A shared store's stand-in (so the queue coalesces reports) that records every report it is sent.</summary>
    private sealed class RecordingStore(TimeProvider time) : IChatGptRateBudgetStore
    {
        private readonly ChatGptInProcessRateBudgetStore _inner = new(time);

        public List<ChatGptRateBudgetFeedback> Reports { get; } = [];

        public ValueTask<ChatGptRateBudgetAcquisition> TryAcquireAsync(ChatGptRateBudgetKey key, ChatGptRateBudgetPolicy policy, long tokens, CancellationToken cancellationToken) =>
            _inner.TryAcquireAsync(key, policy, tokens, cancellationToken);

        public ValueTask<ChatGptRateBudgetSnapshot> ReportAsync(ChatGptRateBudgetKey key, ChatGptRateBudgetPolicy policy, ChatGptRateBudgetFeedback feedback, CancellationToken cancellationToken)
        {
            Reports.Add(feedback);
            return _inner.ReportAsync(key, policy, feedback, cancellationToken);
        }
    }

    /// <summary>A store that answers each acquisition only when the test says so: a shared store's round trip.</summary>
    private sealed class GatedStore : IChatGptRateBudgetStore
    {
        private readonly Queue<TaskCompletionSource<ChatGptRateBudgetAcquisition>> _pending = new();

        public int Pending
        {
            get
            {
                lock (_pending)
                {
                    return _pending.Count;
                }
            }
        }

        private readonly SemaphoreSlim _questions = new(0);

        public int MostInFlight { get; private set; }

        /// <summary>Waits for the next question the queue asks (there may be one already).</summary>
        public Task NextQuestionAsync() => _questions.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(t => Assert.True(t.Result, "The queue did not ask the store."), TaskScheduler.Default);

        public int Asked { get; private set; }

        public ValueTask<ChatGptRateBudgetAcquisition> TryAcquireAsync(ChatGptRateBudgetKey key, ChatGptRateBudgetPolicy policy, long tokens, CancellationToken cancellationToken)
        {
            var answer = new TaskCompletionSource<ChatGptRateBudgetAcquisition>();
            lock (_pending)
            {
                _pending.Enqueue(answer);
                Asked++;
                MostInFlight = Math.Max(MostInFlight, _pending.Count);
            }

            _questions.Release();

            return new(answer.Task);
        }

        public void AnswerNext(bool granted)
        {
            TaskCompletionSource<ChatGptRateBudgetAcquisition> answer;
            lock (_pending)
            {
                answer = _pending.Dequeue();
            }

            answer.SetResult(new ChatGptRateBudgetAcquisition(granted, false, granted ? TimeSpan.Zero : TimeSpan.FromMilliseconds(10), granted ? ChatGptRateBudgetWaitReason.None : ChatGptRateBudgetWaitReason.Requests, ChatGptRateBudgetSnapshot.Cold));
        }

        public ValueTask<ChatGptRateBudgetSnapshot> ReportAsync(ChatGptRateBudgetKey key, ChatGptRateBudgetPolicy policy, ChatGptRateBudgetFeedback feedback, CancellationToken cancellationToken) =>
            new(ChatGptRateBudgetSnapshot.Cold);
    }

    private sealed class ThrowingStore : IChatGptRateBudgetStore
    {
        public ValueTask<ChatGptRateBudgetAcquisition> TryAcquireAsync(ChatGptRateBudgetKey key, ChatGptRateBudgetPolicy policy, long tokens, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("store down");

        public ValueTask<ChatGptRateBudgetSnapshot> ReportAsync(ChatGptRateBudgetKey key, ChatGptRateBudgetPolicy policy, ChatGptRateBudgetFeedback feedback, CancellationToken cancellationToken) =>
            ValueTask.FromException<ChatGptRateBudgetSnapshot>(new InvalidOperationException("store down"));
    }
}
