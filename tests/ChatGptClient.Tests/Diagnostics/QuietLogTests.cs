using ChatGpt.Tests.Resilience;
using Microsoft.Extensions.Logging;

namespace ChatGpt.Tests.Diagnostics;

/// <summary>What a service's logs show per call, from us and from Polly: nothing above Debug on success, one Warning
/// per retry (no stack), one Error with the exception when the call finally fails.</summary>
public sealed class QuietLogTests
{
    [Fact]
    public async Task SuccessfulCall_NothingAboveDebugFromUsOrPolly()
    {
        using var host = new ResilienceTestHost(observePolly: true, (_, _) => ResilienceTestHost.Success());

        await host.ChatAsync();

        var loud = host.Logs.GetSnapshot().Where(r => r.Level > LogLevel.Debug).Select(r => $"{r.Category} {r.Level} {r.Message}");
        Assert.Empty(loud);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Category == "Polly" && r.Level == LogLevel.Debug);
    }

    [Fact]
    public async Task RetriedThenFailed_OneWarningPerRetryWithoutStack_OneErrorWithTheException()
    {
        using var host = new ResilienceTestHost(observePolly: true, (_, _) => ResilienceTestHost.Error(503), o => o.Resilience.MaxRetries = 2);

        await Assert.ThrowsAsync<ChatGptException>(() => host.ChatAsync());

        var loud = host.Logs.GetSnapshot().Where(r => r.Level > LogLevel.Debug).ToList();
        var warnings = loud.Where(r => r.Level == LogLevel.Warning).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => { Assert.Equal("Retrying", w.Id.Name); Assert.Null(w.Exception); });
        var error = Assert.Single(loud, r => r.Level >= LogLevel.Error);
        Assert.Equal("RequestFailed", error.Id.Name);
        Assert.IsType<ChatGptException>(error.Exception);
        Assert.Equal(3, loud.Count);
    }
}
