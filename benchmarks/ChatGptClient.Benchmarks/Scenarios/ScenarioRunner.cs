using ChatGpt.Benchmarks.Contenders;
using ChatGpt.Benchmarks.Infrastructure;

namespace ChatGpt.Benchmarks.Scenarios;

/// <summary>What each scenario serves, calls and expects back.</summary>
internal static class ScenarioRunner
{
    public static CannedResponse ChatResponse(Scenario scenario) => scenario switch
    {
        Scenario.ChatShort => CannedResponse.ChatShort,
        Scenario.ChatLong => CannedResponse.ChatLong,
        Scenario.ChatStream => CannedResponse.ChatStream,
        Scenario.Completion => CannedResponse.ChatShort,
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };

    public static string Expected(Scenario scenario) => scenario switch
    {
        Scenario.ChatShort => CannedResponses.ShortAnswer,
        Scenario.ChatLong => CannedResponses.LongAnswer,
        Scenario.ChatStream => CannedResponses.StreamAnswer,
        Scenario.Completion => CannedResponses.CompletionText,
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };

    public static Task<string> RunAsync(IContender contender, Scenario scenario, CancellationToken cancellationToken) => scenario switch
    {
        Scenario.ChatShort or Scenario.ChatLong => contender.ChatAsync(cancellationToken),
        Scenario.ChatStream => contender.StreamChatAsync(cancellationToken),
        Scenario.Completion => contender.CompleteAsync(cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };

    /// <summary>Runs the scenario once and throws unless the contender returned exactly the canned answer.</summary>
    public static async Task VerifyAsync(IContender contender, Scenario scenario, CancellationToken cancellationToken)
    {
        var actual = await RunAsync(contender, scenario, cancellationToken).ConfigureAwait(false);
        var expected = Expected(scenario);
        if (!string.Equals(actual, expected, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"{contender.Name} returned a wrong answer for {scenario}: {actual.Length} chars, expected {expected.Length}.");
        }
    }
}
