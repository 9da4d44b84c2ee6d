using ChatGpt.Resilience;
using ChatGpt.Resilience.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChatGpt.Tests.Resilience;

public class ServerGuidedRetryTests
{
    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1, 1.0)]
    [InlineData(2, 2.0)]
    [InlineData(3, 4.0)]
    public void Backoff_NoJitter_DoublesFromBaseDelay(int attempt, double expectedSeconds)
    {
        var decider = CreateSut(o => o.UseJitter = false);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), decider.Backoff(attempt));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.999999)]
    public void Backoff_Jitter_BetweenThreeQuartersAndFullStep(double random)
    {
        var decider = CreateSut(random: () => random);
        for (var attempt = 0; attempt < 12; attempt++)
        {
            var step = Math.Min(0.5 * Math.Pow(2, attempt), 60);
            var delay = decider.Backoff(attempt).TotalSeconds;
            Assert.InRange(delay, (step * 0.75) - 1e-9, step + 1e-9);
        }
    }

    [Fact]
    public void Backoff_ManyAttempts_NeverBeyondMaxDelay()
    {
        var decider = CreateSut(o => o.MaxDelay = TimeSpan.FromSeconds(8));
        for (var attempt = 0; attempt < 100; attempt++)
        {
            Assert.True(decider.Backoff(attempt) <= TimeSpan.FromSeconds(8));
        }
    }

    [Fact]
    public void Backoff_RealRandom_SpreadsWithinBounds()
    {
        var decider = CreateSut();
        var delays = Enumerable.Range(0, 200).Select(_ => decider.Backoff(2).TotalSeconds).ToArray();

        Assert.All(delays, d => Assert.InRange(d, 1.5, 2.0));
        Assert.True(delays.Distinct().Count() > 100, "Jitter should spread the delays.");
    }

    [Fact]
    public void IsReplayable_KnownContents_ByBodyKind()
    {
        Assert.True(ServerGuidedRetry.IsReplayable(new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/")));
        Assert.True(ServerGuidedRetry.IsReplayable(new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/") { Content = new ByteArrayContent([1]) }));
        Assert.True(ServerGuidedRetry.IsReplayable(new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/") { Content = new StringContent("{}") }));
        Assert.False(ServerGuidedRetry.IsReplayable(new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/") { Content = new StreamContent(new MemoryStream()) }));
    }

    private static ServerGuidedRetry CreateSut(Action<ChatGptResilienceOptions>? configure = null, Func<double>? random = null)
    {
        var options = new ChatGptResilienceOptions();
        configure?.Invoke(options);
        return new ServerGuidedRetry(new ResiliencePipelineSettings
        {
            Options = options,
            TotalTimeout = TimeSpan.FromMinutes(10),
            TimeProvider = new FakeTimeProvider(),
            Logger = NullLogger.Instance,
            Random = random ?? (() => Random.Shared.NextDouble()),
        });
    }
}
