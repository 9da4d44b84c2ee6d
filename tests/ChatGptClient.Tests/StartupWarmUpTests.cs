using ChatGpt.Internal;
using ChatGpt.Resilience.Internal;
using ChatGpt.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatGpt.Tests;

/// <summary>The one-time start-up warm-up: started by registration, finishes on its own, and leaves nothing behind
/// that a user could see (no request, no error).</summary>
public sealed class StartupWarmUpTests
{
    [Fact]
    public async Task AddChatGpt_StartsTheWarmUp_WhichFinishesWithoutSendingAnything()
    {
        var emulator = new ChatGptEmulator();
        await using var server = await ChatGptEmulatorServer.StartNewAsync(emulator);
        var services = new ServiceCollection();

        services.AddChatGpt(o => { o.BaseAddress = server.BaseAddress; o.ApiKey = "sk-warm"; });
        await StartupWarmUp.Completion.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(StartupWarmUp.Completion.IsCompletedSuccessfully);
        Assert.Empty(emulator.Requests);

        // Its budget queue is private: the rate-limit gauges (which enumerate the registry) never show it.
        Assert.DoesNotContain(RateBudgetRegistry.All(), q => q.Key.Account.BaseAddress.Contains("warm-up", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(2, false, true)]
    [InlineData(16, false, true)]
    [InlineData(1, false, false)]
    [InlineData(2, true, false)]
    [InlineData(1, true, false)]
    public void ShouldRun_OnlyWithTwoProcessorsOrMore_AndNotSwitchedOff(int processors, bool switchedOff, bool runs) =>
        Assert.Equal(runs, StartupWarmUp.ShouldRun(processors, switchedOff));
}
