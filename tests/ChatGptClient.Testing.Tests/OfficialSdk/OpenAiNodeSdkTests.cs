using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatGpt.Testing.Tests.StructuredOutputs;

namespace ChatGpt.Testing.Tests.OfficialSdk;

/// <summary>
/// The official OpenAI Node SDK (npm <c>openai</c>, pinned in <c>node/package-lock.json</c>) against
/// <see cref="ChatGptEmulatorServer"/>: <c>node/sdk-test.mjs</c> asserts chat, headers, streaming (raw and the SDK's
/// stream helper), a tool round trip, models and typed errors, and prints the structured outputs and strict tool
/// arguments it received, which are validated here against their schemas. Runs when <c>node</c> is on PATH and
/// <c>npm ci</c> has installed the SDK (<c>.ci/run</c> does); skipped otherwise, with the reason.
/// </summary>
public sealed class OpenAiNodeSdkTests
{
    private static readonly string[] s_schemaNames =
    [
        "guide: linked list (explicit recursion)",
        "guide: UI generation (recursive #)",
        "pydantic: nested $defs referencing each other",
        "every format",
        "common patterns",
    ];

    [NodeSdkFact]
    public async Task NodeSdk_DrivesTheServer_EverythingParses()
    {
        await using var server = await ChatGptEmulatorServer.StartNewAsync(new ChatGptEmulator { ApiKey = "sk-node-test" });
        var schemas = new JsonObject();
        foreach (var name in s_schemaNames)
        {
            schemas[name] = JsonNode.Parse(SchemaCorpus.Schemas[name]);
        }

        var start = new ProcessStartInfo("node", "sdk-test.mjs")
        {
            WorkingDirectory = NodeSdkFactAttribute.ScriptDirectory(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["OPENAI_BASE_URL"] = server.BaseAddress.ToString().TrimEnd('/');
        start.Environment["OPENAI_API_KEY"] = "sk-node-test";
        start.Environment["EMULATOR_SCHEMAS"] = schemas.ToJsonString();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"node sdk-test.mjs failed ({process.ExitCode}):\n{await stderr}\n{await stdout}");
        var result = JsonNode.Parse(await stdout)!;
        Assert.Equal(["chat", "headers", "stream", "stream helper", "tools", "structured outputs", "models", "errors"], result["checks"]!.AsArray().Select(c => c!.GetValue<string>()));
        foreach (var name in s_schemaNames)
        {
            SchemaValidator.AssertValid(SchemaCorpus.Schemas[name], result["structured"]![name]!.GetValue<string>(), $"Node SDK answer for {name}");
            SchemaValidator.AssertValid(SchemaCorpus.Schemas[name], result["toolArguments"]![name]!.GetValue<string>(), $"Node SDK tool arguments for {name}");
        }
    }

    /// <summary>A fact that runs only when node and the installed SDK are there.</summary>
    private sealed class NodeSdkFactAttribute : FactAttribute
    {
        public NodeSdkFactAttribute()
        {
            if (!IsOnPath("node"))
            {
                Skip = "node is not on PATH.";
            }
            else if (!File.Exists(Path.Combine(ScriptDirectory(), "node_modules", "openai", "package.json")))
            {
                Skip = $"The Node SDK is not installed: run `npm ci --prefix {ScriptDirectory()}` (.ci/run does).";
            }
        }

        // Found from the test's output folder, not [CallerFilePath]: CI builds map source paths to /_/ (deterministic builds).
        public static string ScriptDirectory()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "ChatGptClient.sln")))
                {
                    return Path.Combine(directory.FullName, "tests", "ChatGptClient.Testing.Tests", "OfficialSdk", "node");
                }
            }

            throw new InvalidOperationException($"No ChatGptClient.sln above {AppContext.BaseDirectory}.");
        }

        private static bool IsOnPath(string command) =>
            (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, command)));
    }
}
