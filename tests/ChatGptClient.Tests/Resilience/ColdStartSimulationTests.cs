using System.Globalization;
using System.Net;
using ChatGpt.Http.Internal;
using ChatGpt.Resilience;
using ChatGpt.Resilience.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace ChatGpt.Tests.Resilience;

/// <summary>
/// A burst of calls at once from a cold process against a simulated server that enforces its per-minute limit either
/// over short windows (a burst capacity of one second's worth, as OpenAI does) or as a full-minute bucket; the client is
/// the real local queue, store and header feedback, on a fake clock stepped in 10 ms (no real time, no polling).
/// Targets (issue 18): nothing lost, under 1 % of attempts answered 429, total time within 1.25x of a perfect client.
/// </summary>
public class ColdStartSimulationTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(100);

    [Theory]
    [InlineData(300, 120, false)]
    [InlineData(300, 600, false)]
    [InlineData(300, 120, true)]
    [InlineData(1_000, 600, true)]
    public void Burst_ColdStart_FewThrottlesNearIdealTime(int calls, int requestsPerMinute, bool fullMinuteBucket)
    {
        var result = Run(calls, requestsPerMinute, fullMinuteBucket);

        output.WriteLine(result.ToString());
        Assert.Equal(calls, result.Succeeded);
        Assert.True(result.ThrottledShare < 0.01, result.ToString());
        Assert.True(result.TimeRatio <= 1.25, result.ToString());
    }

    internal static SimulationResult Run(int calls, int requestsPerMinute, bool fullMinuteBucket)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var start = time.GetUtcNow();
        var server = new SimulatedServer(requestsPerMinute, fullMinuteBucket, start);
        var store = new ChatGptInProcessRateBudgetStore(time);
        var key = new ChatGptRateBudgetKey(ChatGptRateLimitKey.From(new ChatGptOptions { ApiKey = "sk-sim" }), "gpt-4o-mini");
        var options = new ChatGptResilienceOptions();
        using var queue = new RateBudgetQueue(store, key, new ChatGptRateBudgetPolicy(), 10_000, time, NullLogger.Instance);

        var waiting = new List<Task<RateBudgetLease>>();
        for (var i = 0; i < calls; i++)
        {
            waiting.Add(queue.AcquireAsync(0, null, CancellationToken.None).AsTask());
        }

        var inFlight = new List<(DateTimeOffset Due, HttpResponseMessage Response, bool Probe)>();
        var retries = new List<DateTimeOffset>();
        int attempts = 0, throttled = 0, succeeded = 0;
        var last = start;
        for (var guard = 0; succeeded < calls && guard < 1_000_000; guard++)
        {
            var now = time.GetUtcNow();

            // Answers due now arrive and are fed back, as the strategy does.
            for (var i = 0; i < inFlight.Count; i++)
            {
                var (due, response, probe) = inFlight[i];
                if (due > now)
                {
                    continue;
                }

                inFlight.RemoveAt(i--);
                var metadata = ResponseMetadata.Of(response, null, time);
                var feedback = RateLimitFeedback.FromResponse(metadata, probe, options);
                queue.Report(feedback);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var wait = metadata.RetryAfter ?? TimeSpan.FromSeconds(1);
                    retries.Add(now + wait + ChatGptResilienceDefaults.ServerWaitPadding);
                }
                else
                {
                    succeeded++;
                    last = now;
                }
            }

            // Retries whose wait is over queue again, as the retry strategy around the limiter does.
            for (var i = 0; i < retries.Count; i++)
            {
                if (retries[i] <= now)
                {
                    retries.RemoveAt(i--);
                    waiting.Add(queue.AcquireAsync(0, null, CancellationToken.None).AsTask());
                }
            }

            // Granted calls are sent now.
            for (var i = 0; i < waiting.Count; i++)
            {
                if (!waiting[i].IsCompleted)
                {
                    continue;
                }

                var lease = waiting[i].Result;
                waiting.RemoveAt(i--);
                Assert.True(lease.Acquired);
                attempts++;
                var response = server.Handle(now);
                throttled += response.StatusCode == HttpStatusCode.TooManyRequests ? 1 : 0;
                if (Environment.GetEnvironmentVariable("SIM_TRACE") is not null && attempts < 60)
                {
                    Console.WriteLine($"{(now - start).TotalSeconds:0.00} {(int)response.StatusCode} probe={lease.IsProbe} {queue.LastKnown}");
                }
                inFlight.Add((now + Latency, response, lease.IsProbe));
            }

            time.Advance(Step);
        }

        var rate = requestsPerMinute / 60.0;
        var burst = fullMinuteBucket ? requestsPerMinute : rate;
        var ideal = TimeSpan.FromSeconds(Math.Max(0, (calls - burst) / rate)) + Latency;
        return new SimulationResult(calls, succeeded, attempts, throttled, last - start, ideal);
    }

    internal sealed record SimulationResult(int Calls, int Succeeded, int Attempts, int Throttled, TimeSpan Total, TimeSpan Ideal)
    {
        public double ThrottledShare => Attempts == 0 ? 0 : Throttled / (double)Attempts;

        public double TimeRatio => Total / Ideal;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Calls} calls: {Succeeded} succeeded, {Attempts} attempts, {Throttled} 429s ({ThrottledShare:P2}), {Total.TotalSeconds:0.00} s vs ideal {Ideal.TotalSeconds:0.00} s ({TimeRatio:0.000}x)");
    }

    /// <summary>A server that enforces a requests-per-minute limit and reports it like OpenAI (limit, remaining of the
    /// minute, reset), refusing with 429 and <c>retry-after-ms</c> when over.</summary>
    private sealed class SimulatedServer(int perMinute, bool fullMinuteBucket, DateTimeOffset start)
    {
        private readonly double _rate = perMinute / 60.0;
        private double _minute = perMinute;
        private double _burst = fullMinuteBucket ? perMinute : perMinute / 60.0;
        private DateTimeOffset _last = start;

        public HttpResponseMessage Handle(DateTimeOffset now)
        {
            var elapsed = (now - _last).TotalSeconds;
            _last = now;
            _minute = Math.Min(perMinute, _minute + (elapsed * _rate));
            var burstCapacity = fullMinuteBucket ? perMinute : perMinute / 60.0;
            _burst = Math.Min(burstCapacity, _burst + (elapsed * _rate));

            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
            if (_minute >= 1 && _burst >= 1)
            {
                _minute--;
                _burst--;
            }
            else
            {
                response.StatusCode = HttpStatusCode.TooManyRequests;
                var wait = Math.Max(1 - Math.Min(_minute, _burst), 0) / _rate;
                response.Headers.TryAddWithoutValidation("retry-after-ms", ((int)Math.Ceiling(wait * 1000)).ToString(CultureInfo.InvariantCulture));
            }

            response.Headers.TryAddWithoutValidation("x-ratelimit-limit-requests", perMinute.ToString(CultureInfo.InvariantCulture));
            response.Headers.TryAddWithoutValidation("x-ratelimit-remaining-requests", ((long)Math.Floor(_minute)).ToString(CultureInfo.InvariantCulture));
            response.Headers.TryAddWithoutValidation("x-ratelimit-reset-requests", $"{((perMinute - _minute) / _rate).ToString("0.###", CultureInfo.InvariantCulture)}s");
            return response;
        }
    }
}
