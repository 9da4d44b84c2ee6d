using System.Globalization;
using System.Text.Json;
using ChatGpt.ScaleOut;

// dotnet ChatGptClient.ScaleOut.dll run [--replicas 4] [--store redis|none] [--redis <connection>] [--enforcement short|minute]
//                                       [--model name=rpm:calls ...] [--scenario name] [--operation-timeout-ms 50] [--json]
// dotnet ChatGptClient.ScaleOut.dll bench      (the README's scenarios, as a table)
// dotnet ChatGptClient.ScaleOut.dll replica ... (started by the coordinator)
var mode = args.Length > 0 ? args[0] : "bench";
var arguments = new Arguments(args.Skip(1));
switch (mode)
{
    case "replica":
        return await Replica.RunAsync(arguments).ConfigureAwait(false);
    case "run":
        var report = await Coordinator.RunAsync(arguments, Console.Out).ConfigureAwait(false);
        Console.WriteLine(arguments.Has("json") ? "REPORT " + JsonSerializer.Serialize(report, ScaleOutJsonContext.Default.ScaleOutReport) : Table.Header + Environment.NewLine + Table.Row(report));
        return 0;
    case "bench":
        Console.WriteLine(Table.Header);
        foreach (var scenario in Scenarios.Bench(arguments))
        {
            var result = await Coordinator.RunAsync(new Arguments(scenario), Console.Out).ConfigureAwait(false);
            Console.WriteLine(Table.Row(result));
        }

        return 0;
    default:
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Unknown mode '{mode}': run, bench or replica."));
        return 1;
}
