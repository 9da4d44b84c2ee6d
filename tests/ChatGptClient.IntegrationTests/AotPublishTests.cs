using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using ChatGpt.IntegrationTests.TestSupport;

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

        var root = ChildProcess.RepositoryRoot();
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
        var publish = await ChildProcess.RunAsync("dotnet", arguments, PublishTimeout, WithoutMSBuildVariables);
        var elapsed = stopwatch.Elapsed;

        Assert.True(publish.ExitCode == 0, $"dotnet publish (Native AOT) failed with exit code {publish.ExitCode} after {elapsed.TotalSeconds:0} s:\n{publish.Output}\n{publish.Error}");
        var warnings = WarningLine().Matches(publish.Output).Select(static m => m.Value).ToArray();
        Assert.True(warnings.Length == 0, "The Native AOT publish reported warnings:\n" + string.Join('\n', warnings));

        var run = await ChildProcess.RunAsync(Path.Combine(output, "ChatGptClient.AotSmoke"), [], TimeSpan.FromSeconds(60));

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

    // The test host's MSBuild variables would point the nested build at the wrong SDK pieces.
    private static void WithoutMSBuildVariables(ProcessStartInfo start)
    {
        foreach (var name in start.Environment.Keys.Where(static k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DOTNET_HOST", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            start.Environment.Remove(name);
        }
    }

    [GeneratedRegex(@"^.*\bwarning [A-Z]+\d+:.*$", RegexOptions.Multiline)]
    private static partial Regex WarningLine();

    [GeneratedRegex(@"^clang-\d+$")]
    private static partial Regex ClangVersion();
}
