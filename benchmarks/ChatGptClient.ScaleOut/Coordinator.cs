using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ChatGpt.Testing;

namespace ChatGpt.ScaleOut;

/// <summary>
/// Runs one scenario: an emulator server on 127.0.0.1 enforcing per-model limits, a Redis (an embedded Garnet unless
/// <c>--redis</c> names one, or none), and <c>--replicas</c> OS processes that each fire their share of the calls at the
/// same moment. Reports lost calls, the share of attempts answered 429, the time against the ideal, and what the rate
/// budget store added per call.
/// </summary>
internal static class Coordinator
{
    public static async Task<ScaleOutReport> RunAsync(Arguments args, TextWriter log)
    {
        var replicas = args.Int("replicas", 4);
        var store = args.Get("store") ?? "redis";
        var enforcement = args.Get("enforcement") ?? "short";
        var scenario = args.Get("scenario") ?? "burst";
        var models = args.All("model").Select(ScaleOutModel.Parse).ToList();
        if (models.Count == 0)
        {
            models.Add(new ScaleOutModel("gpt-4o-mini", 6_000, 800));
        }

        var emulator = new ChatGptEmulator
        {
            RateLimitMode = enforcement == "minute" ? EmulatorRateLimitMode.MinuteBucket : EmulatorRateLimitMode.ShortWindows,
            MaxRecordedRequests = 1_000_000,
        };
        foreach (var model in models)
        {
            emulator.ModelRateLimits[model.Name] = new EmulatorRateLimit(model.RequestsPerMinute, 100_000_000);
        }

        var server = await ChatGptEmulatorServer.StartNewAsync(emulator).ConfigureAwait(false);
        await using var serverScope = server.ConfigureAwait(false);
        Process? garnet = null;
        var redis = "none";
        if (store == "redis")
        {
            if (args.Get("redis") is { } external)
            {
                redis = external;
            }
            else
            {
                // Garnet in a process of its own, as a Redis would be: not sharing a thread pool with the emulator.
                var port = FreePort();
                garnet = Start("garnet", "--port", port.ToString(CultureInfo.InvariantCulture));
                await ExpectAsync(garnet, "READY").ConfigureAwait(false);
                redis = $"127.0.0.1:{port},abortConnect=false";
            }
        }

        try
        {
            var processes = new List<Process>();
            for (var i = 0; i < replicas; i++)
            {
                processes.Add(StartReplica(i, replicas, server.BaseAddress, redis, args.Int("operation-timeout-ms", 50), models));
            }

            foreach (var process in processes)
            {
                await ExpectAsync(process, "READY").ConfigureAwait(false);
            }

            var go = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            foreach (var process in processes)
            {
                await process.StandardInput.WriteLineAsync("GO").ConfigureAwait(false);
                await process.StandardInput.FlushAsync().ConfigureAwait(false);
            }

            var results = new List<ReplicaResult>();
            foreach (var process in processes)
            {
                var line = await ExpectAsync(process, "RESULT ").ConfigureAwait(false);
                results.Add(JsonSerializer.Deserialize(line["RESULT ".Length..], ScaleOutJsonContext.Default.ReplicaResult)!);
                await process.WaitForExitAsync().ConfigureAwait(false);
                process.Dispose();
            }

            if (Environment.GetEnvironmentVariable("SCALEOUT_DEBUG") == "1")
            {
                var first = emulator.Requests.Min(r => r.ReceivedAt);
                foreach (var slot in emulator.Requests.GroupBy(r => (int)((r.ReceivedAt - first).TotalMilliseconds / 250)).OrderBy(g => g.Key))
                {
                    await log.WriteLineAsync($"  t={slot.Key * 0.25:0.00}s attempts={slot.Count()}").ConfigureAwait(false);
                }
            }

            var report = Report(scenario, replicas, store, enforcement, models, emulator, results, go);
            foreach (var error in results.SelectMany(r => r.Models.Values).SelectMany(m => m.Errors).Distinct().Take(5))
            {
                await log.WriteLineAsync("  lost: " + error).ConfigureAwait(false);
            }

            return report;
        }
        finally
        {
            if (garnet is not null)
            {
                garnet.StandardInput.Close();
                await garnet.WaitForExitAsync().ConfigureAwait(false);
                garnet.Dispose();
            }
        }
    }

    private static ScaleOutReport Report(string scenario, int replicas, string store, string enforcement, List<ScaleOutModel> models, ChatGptEmulator emulator, List<ReplicaResult> results, long go)
    {
        var attemptsByModel = emulator.Requests.GroupBy(r => r.Model ?? string.Empty).ToDictionary(g => g.Key, g => g.Count());
        var modelReports = new List<ModelReport>();
        foreach (var model in models)
        {
            var parts = results.Select(r => r.Models[model.Name]).ToList();
            var succeeded = parts.Sum(p => p.Succeeded);
            var attempts = attemptsByModel.GetValueOrDefault(model.Name);
            var seconds = (parts.Max(p => p.LastFinishedAt) - go) / 1000.0;
            var rate = model.RequestsPerMinute / 60.0;
            var burst = enforcement == "minute" ? model.RequestsPerMinute : Math.Max(1, rate);
            var ideal = Math.Max(0, model.Calls - burst) / rate;
            modelReports.Add(new ModelReport(
                model.Name, model.RequestsPerMinute, model.Calls, model.Calls - succeeded, attempts, attempts - succeeded,
                Math.Round(seconds, 2), Math.Round(ideal, 2), seconds > 0 ? Math.Round(Math.Min(ideal, seconds) / seconds, 3) : 1));
        }

        var calls = models.Sum(m => m.Calls);
        var totalAttempts = modelReports.Sum(m => m.Attempts);
        var throttled = modelReports.Sum(m => m.Throttled);
        var totalSeconds = modelReports.Max(m => m.Seconds);
        var idealSeconds = modelReports.Max(m => m.IdealSeconds);
        return new ScaleOutReport(
            scenario, replicas, store, enforcement, calls,
            modelReports.Sum(m => m.Lost), totalAttempts, throttled,
            totalAttempts == 0 ? 0 : Math.Round((double)throttled / totalAttempts, 4),
            totalSeconds, idealSeconds, idealSeconds > 0 ? Math.Round(totalSeconds / idealSeconds, 3) : 0,
            Math.Round(results.Sum(r => r.StoreOperations) / (double)calls, 2),
            Math.Round(results.Sum(r => r.StoreSeconds) * 1000 / calls, 3),
            results.Count(r => r.StoreFellBack),
            modelReports);
    }

    private static Process StartReplica(int id, int replicas, Uri baseAddress, string redis, int operationTimeoutMs, List<ScaleOutModel> models)
    {
        var arguments = new List<string>
        {
            "--id", id.ToString(CultureInfo.InvariantCulture), "--base", baseAddress.ToString(), "--redis", redis,
            "--operation-timeout-ms", operationTimeoutMs.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var model in models)
        {
            // This replica's share; the first replicas take the remainder.
            var share = (model.Calls / replicas) + (id < model.Calls % replicas ? 1 : 0);
            arguments.Add("--model");
            arguments.Add((model with { Calls = share }).ToString());
        }

        return Start("replica", [.. arguments]);
    }

    /// <summary>Starts this program again in another mode, as its own OS process (<c>dotnet ChatGptClient.ScaleOut.dll mode ...</c>).</summary>
    private static Process Start(string mode, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
        };
        start.ArgumentList.Add(typeof(Coordinator).Assembly.Location);
        start.ArgumentList.Add(mode);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start the {mode} process.");
    }

    private static async Task<string> ExpectAsync(Process process, string prefix)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }

        throw new InvalidOperationException($"A replica ended without printing {prefix.Trim()} (exit code {(process.HasExited ? process.ExitCode : -1)}).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
