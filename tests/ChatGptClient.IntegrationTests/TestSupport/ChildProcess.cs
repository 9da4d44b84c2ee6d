using System.Diagnostics;

namespace ChatGpt.IntegrationTests.TestSupport;

/// <summary>Runs a program of the repository (a sample, dotnet publish, a native binary) as a child process, with a deadline.</summary>
internal static class ChildProcess
{
    /// <summary>The repository root, the directory holding ChatGptClient.sln.</summary>
    public static string RepositoryRoot()
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

    /// <summary>
    /// Runs the program with stdin closed (it must not wait for a terminal) and without a developer's API key; kills it
    /// and its children at the deadline.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan timeout, Action<ProcessStartInfo>? configure = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("OPENAI_API_KEY");
        configure?.Invoke(start);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(fileName)} {string.Join(' ', start.ArgumentList)} did not exit within {timeout.TotalSeconds:0} s.");
        }

        return (process.ExitCode, await output, await error);
    }
}
