namespace ChatConsole;

/// <summary>The command line of the sample.</summary>
internal sealed class ChatConsoleOptions
{
    public const string Usage = """
        Usage: dotnet run --project samples/ChatConsole [-- options]

          --prompt <text>     answer this one prompt and exit (also: text piped on stdin)
          --model <name>      the model (default gpt-4o-mini; /model <name> changes it while chatting)
          --system <text>     the system prompt
          --base-url <url>    an OpenAI-compatible server, e.g. http://localhost:11434/v1/ (Ollama)
          --emulator          use the built-in emulator even when OPENAI_API_KEY is set
          --help              this text

        Backend: --base-url if given, else the OpenAI API when OPENAI_API_KEY is set, else the built-in emulator.
        While chatting: /reset clears the conversation, /model <name> switches model, /exit quits,
        Ctrl+C stops the current answer (press it again at the prompt to quit).
        """;

    public string? Prompt { get; private set; }

    public string? Model { get; private set; }

    public string SystemPrompt { get; private set; } = "You are a helpful assistant. Answer briefly.";

    public Uri? BaseUrl { get; private set; }

    public bool ForceEmulator { get; private set; }

    public bool ShowHelp { get; private set; }

    public static ChatConsoleOptions Parse(string[] args)
    {
        var options = new ChatConsoleOptions();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--prompt":
                    options.Prompt = Value(args, ref i);
                    break;
                case "--model":
                    options.Model = Value(args, ref i);
                    break;
                case "--system":
                    options.SystemPrompt = Value(args, ref i);
                    break;
                case "--base-url":
                    var url = Value(args, ref i);
                    options.BaseUrl = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : throw new ArgumentException($"--base-url: '{url}' is not an absolute URL.");
                    break;
                case "--emulator":
                    options.ForceEmulator = true;
                    break;
                case "--help" or "-h" or "-?":
                    options.ShowHelp = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }

        return options;
    }

    private static string Value(string[] args, ref int i) =>
        i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
}
