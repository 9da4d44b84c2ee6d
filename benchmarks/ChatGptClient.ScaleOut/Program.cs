using System.Globalization;
using System.Text.Json;
using ChatGpt.ScaleOut;

// dotnet ChatGptClient.ScaleOut.dll run [--replicas 4] [--store redis|none] [--redis <connection>] [--enforcement short|minute]
//                                       [--model name=rpm:calls ...] [--scenario name] [--operation-timeout-ms 50] [--json]
// dotnet ChatGptClient.ScaleOut.dll bench      (the README's scenarios, as a table)
// dotnet ChatGptClient.ScaleOut.dll replica|garnet ... (started by the coordinator)
var mode = args.Length > 0 ? args[0] : "bench";
var arguments = new Arguments(args.Skip(1));
switch (mode)
{
    case "garnet":
        // A Redis-protocol server for the run: Garnet with Lua, until the coordinator closes our standard input.
        using (var garnet = new Garnet.GarnetServer(["--bind", "127.0.0.1", "--port", arguments.Get("port") ?? "6379", "--lua", "--memory", "64m", "--index", "1m", "--logger-level", "None"]))
        {
            garnet.Start();
            Console.WriteLine("READY");
            while (await Console.In.ReadLineAsync().ConfigureAwait(false) is not null)
            {
            }
        }

        return 0;
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
