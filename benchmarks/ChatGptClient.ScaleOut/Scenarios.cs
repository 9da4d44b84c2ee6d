namespace ChatGpt.ScaleOut;

/// <summary>The scenarios of <c>bench</c>: one burst against short windows and against a full-minute bucket, with and
/// without Redis, and two models with different limits interleaved (issue 19's scenario).</summary>
internal static class Scenarios
{
    public static IEnumerable<string[]> Bench(Arguments args)
    {
        var replicas = args.Get("replicas") ?? "4";
        var redis = args.Get("redis") is { } external ? new[] { "--redis", external } : [];
        foreach (var enforcement in new[] { "short", "minute" })
        {
            foreach (var store in new[] { "redis", "none" })
            {
                yield return
                [
                    "--scenario", "one model", "--replicas", replicas, "--store", store, "--enforcement", enforcement,
                    "--model", enforcement == "short" ? "gpt-4o-mini=6000:1000" : "gpt-4o-mini=600:1200", .. redis,
                ];
            }
        }

        foreach (var store in new[] { "redis", "none" })
        {
            yield return
            [
                "--scenario", "two models", "--replicas", replicas, "--store", store, "--enforcement", "short",
                "--model", "gpt-4.1-nano=6000:700", "--model", "gpt-4.1=1200:180", .. redis,
            ];
        }
    }
}
