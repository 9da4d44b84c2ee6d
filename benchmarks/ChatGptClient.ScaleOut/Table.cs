using System.Globalization;

namespace ChatGpt.ScaleOut;

/// <summary>The report as a Markdown table row (the README's performance section is made of these).</summary>
internal static class Table
{
    public const string Header =
        "| scenario | enforcement | store | replicas | calls | lost | attempts | 429s | 429 share | time | ideal | time / ideal | store ops / call | store ms / call | replicas that fell back | per model (429s, allowance share) |\n" +
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    public static string Row(ScaleOutReport r) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {r.Scenario} | {r.Enforcement} | {r.Store} | {r.Replicas} | {r.Calls} | {r.Lost} | {r.Attempts} | {r.Throttled} | {r.ThrottledShare:P1} | {r.Seconds:0.0} s | {r.IdealSeconds:0.0} s | {r.TimeRatio:0.00}x | {r.StoreOperationsPerCall:0.0} | {r.StoreMillisecondsPerCall:0.00} | {r.ReplicasThatFellBack} | {string.Join("; ", r.Models.Select(m => $"{m.Model} {m.RequestsPerMinute} RPM: {m.Throttled}, {m.AllowanceShare:P0}"))} |");
}
