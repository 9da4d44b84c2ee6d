using ChatGpt.IntegrationTests.TestSupport;

namespace ChatGpt.IntegrationTests;

/// <summary>The console samples run as a newcomer runs them: no key, no terminal (stdin closed), a streamed answer, exit 0.</summary>
public sealed class ConsoleSampleTests
{
    [Fact]
    public async Task ChatConsole_NoKeyNoTerminal_AnswersOnceAndExits0()
    {
        var (exitCode, output, error) = await RunAsync("ChatConsole");

        Assert.Equal(0, exitCode);
        Assert.Contains("built-in emulator", error);
        Assert.Contains("> Hello! What can you do?", output);
        Assert.Contains("Hello! I am the ChatGptClient emulator.", output);
        Assert.Matches(@"\[\d+ prompt \+ \d+ completion = \d+ tokens\]", output);
    }

    [Fact]
    public async Task ChatConsole_Prompt_AnswersThatPrompt()
    {
        var (exitCode, output, _) = await RunAsync("ChatConsole", "--prompt", "Count to 5", "--model", "gpt-4.1");

        Assert.Equal(0, exitCode);
        Assert.Contains("1, 2, 3, 4, 5.", output);
    }

    [Fact]
    public async Task CompletionConsole_PositionalPrompt_AnswersThatPrompt()
    {
        var (exitCode, output, _) = await RunAsync("CompletionConsole", "Say this is a test", "--max-tokens", "7");

        Assert.Equal(0, exitCode);
        Assert.Contains("This is indeed a test", output);
    }

    [Fact]
    public async Task ChatConsole_PositionalPrompt_AnswersThatPrompt()
    {
        var (exitCode, output, _) = await RunAsync("ChatConsole", "Count to 5");

        Assert.Equal(0, exitCode);
        Assert.Contains("1, 2, 3, 4, 5.", output);
    }

    [Theory]
    [InlineData("ChatConsole")]
    [InlineData("CompletionConsole")]
    [InlineData("AssistantWithTools")]
    [InlineData("FineTuning")]
    public async Task Samples_Help_ShareTheBackendOptions(string sample)
    {
        var (exitCode, output, _) = await RunAsync(sample, "--help");

        Assert.Equal(0, exitCode);
        foreach (var option in new[] { "--api-key", "--base-url", "--model", "--emulator" })
        {
            Assert.Contains(option, output);
        }
    }

    [Fact]
    public async Task ChatConsole_RefusedConnection_PrintsTheErrorInAFewLines()
    {
        var (exitCode, output, error) = await RunAsync("ChatConsole", "hi", "--base-url", "http://127.0.0.1:9/v1/");

        Assert.Equal(1, exitCode);
        Assert.Contains("Error: The request to http://127.0.0.1:9/v1/chat/completions failed", error);
        Assert.True((output + error).Split('\n').Length < 20, output + error);
        Assert.DoesNotContain("   at ", output + error);
    }

    [Fact]
    public async Task ChatConsole_UnknownOption_Exits2WithUsage()
    {
        var (exitCode, _, error) = await RunAsync("ChatConsole", "--bogus");

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage:", error);
    }

    [Fact]
    public async Task CompletionConsole_Defaults_PrintsTheCompletionWithFinishReasonAndUsage()
    {
        var (exitCode, output, _) = await RunAsync("CompletionConsole", "--prompt", "Say this is a test", "--max-tokens", "7", "--temperature", "0");

        Assert.Equal(0, exitCode);
        Assert.Contains("This is indeed a test", output);
        Assert.Contains("[finish_reason: stop]", output);
        Assert.Contains("prompt +", output);
    }

    [Fact]
    public async Task CompletionConsole_InvalidParameter_ShowsTheApiErrorAndExits1()
    {
        var (exitCode, _, error) = await RunAsync("CompletionConsole", "--temperature", "3");

        Assert.Equal(1, exitCode);
        Assert.Contains("Invalid 'temperature'", error);
    }

    /// <summary>Runs a built sample as a process with no key and stdin closed; used by every sample's process tests.</summary>
    internal static Task<(int ExitCode, string Output, string Error)> RunAsync(string sample, params string[] arguments)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
        var dll = Path.Combine(ChildProcess.RepositoryRoot(), "samples", sample, "bin", configuration, "net10.0", sample + ".dll");
        Assert.True(File.Exists(dll), $"{dll} is not built.");

        // The samples must work with no key and no terminal: ChildProcess removes the key and closes stdin.
        return ChildProcess.RunAsync("dotnet", [dll, .. arguments], TimeSpan.FromSeconds(90));
    }
}
