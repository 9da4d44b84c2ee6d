// EmulatorServer: the ChatGptClient emulator over HTTP on 127.0.0.1, for any OpenAI client in any language, e.g.
//   dotnet run --project samples/EmulatorServer -- --port 8080
//   OPENAI_BASE_URL=http://127.0.0.1:8080/v1 OPENAI_API_KEY=unused python -c "import openai; ..."
using System.Globalization;
using System.Runtime.InteropServices;
using ChatGpt.Testing;

const string usage = """
    Usage: dotnet run --project samples/EmulatorServer [-- options]
      --port <n>             the port on 127.0.0.1 (default: a free one)
      --rpm <n>              requests-per-minute limit (default 10000)
      --tpm <n>              tokens-per-minute limit (default 10000000)
      --chunk-delay-ms <n>   wait between stream events (default 15)
      --require-key          answer 401 to requests without "Authorization: Bearer <any key>"
    Runs until Ctrl+C. Every request is logged (method, path, model) on stdout.
    """;

var emulator = new ChatGptEmulator { ChunkDelay = TimeSpan.FromMilliseconds(15) };
var port = 0;
try
{
    for (var i = 0; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--port": port = Number(args, ref i); break;
            case "--rpm": emulator.RequestsPerMinute = Number(args, ref i); break;
            case "--tpm": emulator.TokensPerMinute = Number(args, ref i); break;
            case "--chunk-delay-ms": emulator.ChunkDelay = TimeSpan.FromMilliseconds(Number(args, ref i)); break;
            case "--require-key": emulator.RequireApiKey = true; break;
            case "--help" or "-h": Console.WriteLine(usage); return 0;
            default: throw new ArgumentException($"Unknown option '{args[i]}'.");
        }
    }
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(usage);
    return 2;
}

await using var server = new ChatGptEmulatorServer(emulator, port);
await server.StartAsync();
Console.WriteLine($"OpenAI API emulator listening: OPENAI_BASE_URL={server.BaseAddress}");
Console.WriteLine("Press Ctrl+C to stop.");

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

// Log what arrives, for people pointing another client at the emulator.
var logged = 0;
while (!stop.IsCancellationRequested)
{
    try
    {
        await Task.Delay(TimeSpan.FromMilliseconds(200), stop.Token);
    }
    catch (OperationCanceledException)
    {
        break;
    }

    var requests = emulator.Requests;
    for (; logged < requests.Count; logged++)
    {
        var request = requests[logged];
        Console.WriteLine($"{request.ReceivedAt:HH:mm:ss} {request.Method} {request.Path} {request.Model ?? string.Empty}{(request.IsStreaming ? " (stream)" : string.Empty)}");
    }
}

return 0;

static int Number(string[] args, ref int i)
{
    var name = args[i];
    return i + 1 < args.Length && int.TryParse(args[++i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
        ? value
        : throw new ArgumentException($"{name} needs a non-negative number.");
}
