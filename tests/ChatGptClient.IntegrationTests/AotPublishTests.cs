using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace ChatGpt.IntegrationTests;

/// <summary>
/// The Native AOT claim, checked: <c>tests/ChatGptClient.AotSmoke</c> (DI, emulator, chat, stream, structured output,
/// models, IChatClient) is published with Native AOT, every trim/AOT warning an error, and the native binary must exit 0.
/// One publish per run (a minute or two on a free machine: clang links the binary); its output stays in the project's bin/obj.
/// </summary>
public sealed partial class AotPublishTests
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task AotSmoke_PublishedWithNativeAot_BuildsWithoutWarningsAndRunsToExit0()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            return; // The CI machine is linux-x64; a native build for another platform needs its own toolchain.
        }

        var root = FindRepositoryRoot();
        var project = Path.Combine(root, "tests", "ChatGptClient.AotSmoke");
        var output = Path.Combine(project, "bin", "aot");
        string[] arguments =
        [
            "publish", Path.Combine(project, "ChatGptClient.AotSmoke.csproj"),
            "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true",
            "-warnaserror", "-nodeReuse:false", "-o", output,
        ];
        if (FindClang() is { } clang)
        {
            arguments = [.. arguments, $"-p:CppCompilerAndLinker={clang}"];
        }

        var stopwatch = Stopwatch.StartNew();
        var publish = await RunAsync("dotnet", arguments, root, PublishTimeout);
        var elapsed = stopwatch.Elapsed;

        Assert.True(publish.ExitCode == 0, $"dotnet publish (Native AOT) failed with exit code {publish.ExitCode} after {elapsed.TotalSeconds:0} s:\n{publish.Output}\n{publish.Error}");
        var warnings = WarningLine().Matches(publish.Output).Select(static m => m.Value).ToArray();
        Assert.True(warnings.Length == 0, "The Native AOT publish reported warnings:\n" + string.Join('\n', warnings));

        var run = await RunAsync(Path.Combine(output, "ChatGptClient.AotSmoke"), [], root, TimeSpan.FromSeconds(60));

        Assert.True(run.ExitCode == 0, $"The native binary exited with {run.ExitCode}:\n{run.Output}\n{run.Error}");
        Assert.Contains("AOT smoke test passed", run.Output);
        Assert.Contains("structured: ", run.Output);
    }

    // clang-N alone is common on Debian and Ubuntu; the AOT toolchain looks for "clang" unless told otherwise.
    private static string? FindClang()
    {
        var path = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator) ?? [];
        if (path.Any(static directory => File.Exists(Path.Combine(directory, "clang"))))
        {
            return null;
        }

        return path
            .Where(Directory.Exists)
            .SelectMany(static directory => Directory.EnumerateFiles(directory, "clang-*"))
            .Select(Path.GetFileName)
            .Where(static name => name is not null && ClangVersion().IsMatch(name))
            .OrderByDescending(static name => int.Parse(name!.AsSpan(6), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string fileName, string[] arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's MSBuild variables would point the nested build at the wrong SDK pieces.
        foreach (var name in start.Environment.Keys.Where(static k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DOTNET_HOST", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            start.Environment.Remove(name);
        }

        start.Environment.Remove("OPENAI_API_KEY");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} did not exit within {timeout.TotalSeconds:0} s.");
        }

        return (process.ExitCode, await output, await error);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ChatGptClient.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (ChatGptClient.sln) was not found.");
    }

    [GeneratedRegex(@"^.*\bwarning [A-Z]+\d+:.*$", RegexOptions.Multiline)]
    private static partial Regex WarningLine();

    [GeneratedRegex(@"^clang-\d+$")]
    private static partial Regex ClangVersion();
}
