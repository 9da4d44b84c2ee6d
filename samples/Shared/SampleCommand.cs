using System.CommandLine;

namespace ChatGpt.Samples;

/// <summary>Runs a sample's command the same way in every sample: a command-line mistake prints what is wrong and the
/// usage on standard error and exits with 2, like other command-line tools.</summary>
internal static class SampleCommand
{
    /// <summary>A free-text argument that looks like an option is a mistyped option, not a prompt.</summary>
    public static Argument<string?> FreeText(string name, string description)
    {
        var argument = new Argument<string?>(name) { Description = description, Arity = ArgumentArity.ZeroOrOne };
        argument.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: ['-', '-', ..] value }])
            {
                result.AddError($"Unknown option '{value}'.");
            }
        });
        return argument;
    }

    public static async Task<int> RunAsync(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count == 0)
        {
            return await parsed.InvokeAsync();
        }

        foreach (var error in parsed.Errors)
        {
            await Console.Error.WriteLineAsync(error.Message);
        }

        await Console.Error.WriteLineAsync();
        await root.Parse(["--help"]).InvokeAsync(new InvocationConfiguration { Output = Console.Error });
        return 2;
    }
}
