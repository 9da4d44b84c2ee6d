using System.Globalization;
using System.Net;
using System.Text;
using ChatGpt.Http.Internal;
using ChatGpt.Resilience;
using ChatGpt.Resilience.Internal;
using ChatGpt.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace ChatGpt.Tests.Resilience;

/// <summary>
/// Issue 19's scenario: two models with different limits, interleaved at high concurrency, against the emulator
/// enforcing them per model. The client is the real per-model budget queues over one in-process store and the real
/// header feedback; the emulator answers through its handler on the same fake clock, stepped in 10 ms, so the run is
/// exact and takes no real time. Neither model may meet 429s caused by the other's limits, and each must get at least
/// 90 % of its own allowance.
/// </summary>
public class PerModelInterleavedTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Horizon = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(EmulatorRateLimitMode.ShortWindows)]
    [InlineData(EmulatorRateLimitMode.MinuteBucket)]
    public async Task TwoModels_InterleavedBursts_EachGetsItsAllowanceWithoutTheOthersThrottles(EmulatorRateLimitMode mode)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var emulator = new ChatGptEmulator(time) { RateLimitMode = mode };
        emulator.ModelRateLimits["gpt-4o-mini"] = new EmulatorRateLimit(600, 10_000_000);
        emulator.ModelRateLimits["o3"] = new EmulatorRateLimit(60, 10_000_000);
        using var server = new HttpClient(new ChatGptEmulatorHandler(emulator)) { BaseAddress = new Uri("http://localhost/v1/") };

        var store = new ChatGptInProcessRateBudgetStore(time);
        var account = ChatGptRateLimitKey.From(new ChatGptOptions { ApiKey = "sk-emulated", BaseAddress = server.BaseAddress });
        var models = new[] { new Model("gpt-4o-mini", 600, 1_000), new Model("o3", 60, 200) };
        var queues = models.Select(m => new RateBudgetQueue(store, new ChatGptRateBudgetKey(account, ModelBudgetGroup.Resolve(m.Name, new ChatGptResilienceOptions(), null)), new ChatGptRateBudgetPolicy(), 10_000, time, NullLogger.Instance)).ToArray();
        var options = new ChatGptResilienceOptions();

        // Interleaved: the small model's and the large model's calls alternate in arrival order, all at once.
        var waiting = new List<(int Model, Task<RateBudgetLease> Lease)>();
        for (var i = 0; i < models.Max(m => m.Calls); i++)
        {
            for (var m = 0; m < models.Length; m++)
            {
                if (i < models[m].Calls)
                {
                    waiting.Add((m, queues[m].AcquireAsync(0, null, CancellationToken.None).AsTask()));
                }
            }
        }

        var retries = new List<(int Model, DateTimeOffset Due)>();
        var start = time.GetUtcNow();
        while (time.GetUtcNow() - start < Horizon)
        {
            var now = time.GetUtcNow();
            for (var i = 0; i < retries.Count; i++)
            {
                if (retries[i].Due <= now)
                {
                    waiting.Add((retries[i].Model, queues[retries[i].Model].AcquireAsync(0, null, CancellationToken.None).AsTask()));
                    retries.RemoveAt(i--);
                }
            }

            for (var i = 0; i < waiting.Count; i++)
            {
                var (m, lease) = waiting[i];
                if (!lease.IsCompleted)
                {
                    continue;
                }

                waiting.RemoveAt(i--);
                var granted = await lease;
                Assert.True(granted.Acquired);
                using var response = await server.PostAsync("chat/completions", new StringContent(Body(models[m].Name), Encoding.UTF8, "application/json"));
                var metadata = ResponseMetadata.Of(response, null, time);
                queues[m].Report(RateLimitFeedback.FromResponse(metadata, granted.IsProbe, options));
                models[m].Attempts++;
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    models[m].Throttled++;

                    // A 429 caused by this model's own limit reports that limit; any other would be the other model's.
                    if (metadata.RateLimits.LimitRequests != models[m].RequestsPerMinute)
                    {
                        models[m].ForeignThrottles++;
                    }

                    retries.Add((m, now + (metadata.RetryAfter ?? TimeSpan.FromSeconds(1)) + ChatGptResilienceDefaults.ServerWaitPadding));
                }
                else
                {
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    models[m].Succeeded++;
                }
            }

            time.Advance(Step);
        }

        foreach (var queue in queues)
        {
            queue.Dispose();
        }

        foreach (var model in models)
        {
            // The allowance over the horizon: what the server's bucket holds at the start plus its refill.
            var perSecond = model.RequestsPerMinute / 60.0;
            var burst = mode == EmulatorRateLimitMode.ShortWindows ? perSecond : model.RequestsPerMinute;
            var allowance = Math.Min(model.Calls, burst + (perSecond * Horizon.TotalSeconds));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mode} {model.Name}: {model.Succeeded} of an allowance of {allowance:0} ({model.Succeeded / allowance:P1}), {model.Attempts} attempts, {model.Throttled} 429s"));
            // After its first 429 a budget keeps 10 % of the server's pace in reserve (TokenBucket.ReservedPace).
            Assert.True(model.Succeeded >= 0.85 * allowance, $"{model.Name} got {model.Succeeded} of {allowance:0}.");
            Assert.Equal(0, model.ForeignThrottles);

            // Its own 429s: at most the one that tells a short-window server from a full-minute one (the pace then stays
            // at one second's worth).
            Assert.True(model.Throttled <= Math.Max(1, 0.01 * model.Attempts), $"{model.Name} met {model.Throttled} 429s in {model.Attempts} attempts.");
        }
    }

    private static string Body(string model) => $$"""{"model":"{{model}}","messages":[{"role":"user","content":"hi"}],"max_completion_tokens":5}""";

    private sealed class Model(string name, int requestsPerMinute, int calls)
    {
        public string Name { get; } = name;

        public int RequestsPerMinute { get; } = requestsPerMinute;

        public int Calls { get; } = calls;

        public int Attempts { get; set; }

        public int Succeeded { get; set; }

        public int Throttled { get; set; }

        public int ForeignThrottles { get; set; }
    }
}
