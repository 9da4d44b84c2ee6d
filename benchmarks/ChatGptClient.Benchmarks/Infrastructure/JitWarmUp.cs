using ChatGpt.Benchmarks.Contenders;
using ChatGpt.Benchmarks.Scenarios;

namespace ChatGpt.Benchmarks.Infrastructure;

/// <summary>
/// Runs every contender on every scenario until the JIT stops compiling, once per process. Tiered compilation and
/// dynamic PGO rewrite hot code in the background for seconds after the first calls (longer for a client with a deep
/// call path, such as a resilience pipeline); in one process shared by all benchmarks, whichever ran first would be
/// measured on unfinished code. Measured: a DI call took 11-32 us after 2 s of warm-up and 11-13 us after 8 s.
/// </summary>
internal static class JitWarmUp
{
    private static readonly Lock Gate = new();
    private static bool s_done;

    public static void EnsureDone()
    {
        lock (Gate)
        {
            if (s_done)
            {
                return;
            }

            RunAsync().GetAwaiter().GetResult();
            s_done = true;
        }
    }

    private static async Task RunAsync()
    {
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        for (var pass = 0; pass < 15; pass++)
        {
            foreach (var scenario in Enum.GetValues<Scenario>())
            {
                using var handler = new CannedHandler(ScenarioRunner.ChatResponse(scenario));
                using var contenders = ContenderSet.Create(handler, ContenderSet.InMemoryBaseAddress);
                var calls = scenario == Scenario.ChatStream ? 20 : 400;
                foreach (var contender in contenders.All)
                {
                    for (var i = 0; i < calls; i++)
                    {
                        await ScenarioRunner.RunAsync(contender, scenario, CancellationToken.None).ConfigureAwait(false);
                    }
                }
            }

            // Give the background compiler time to finish what the pass queued, then see whether it found more.
            await Task.Delay(300).ConfigureAwait(false);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (pass >= 2 && now - compiled < 20)
            {
                return;
            }

            compiled = now;
        }
    }
}
