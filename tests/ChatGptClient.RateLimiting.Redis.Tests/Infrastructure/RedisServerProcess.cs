using System.Diagnostics;
using System.Globalization;

namespace ChatGpt.RateLimiting.Redis.Tests.Infrastructure;

/// <summary>The Debian <c>redis-server</c> as a child process: no persistence, loopback only.</summary>
internal sealed class RedisServerProcess : TestRedisServer
{
    private Process? _process;

    public RedisServerProcess(int port)
        : base(port)
    {
    }

    /// <summary>The path of <c>redis-server</c>, or <see langword="null"/> when it is not on PATH.</summary>
    public static string? Executable { get; } = Find();

    public override bool IsRunning => _process is { HasExited: false };

    public override async Task KillAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            process.Dispose();
            _process = null;
        }
    }

    public override async ValueTask DisposeAsync() => await KillAsync();

    protected override async Task StartCoreAsync()
    {
        var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException(OnRedisServerAttribute.NotOnPathReason))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty,
            "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes", "--loglevel", "warning",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilListeningAsync(() => process.HasExited ? $"redis-server exited with code {process.ExitCode}." : null);
    }

    private static string? Find()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, "redis-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
