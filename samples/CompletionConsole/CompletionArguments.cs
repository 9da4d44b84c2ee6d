using System.Globalization;
using ChatGpt.Completions;

namespace CompletionConsole;

/// <summary>Maps the command line onto a <see cref="CompletionRequest"/>: one option per API parameter.</summary>
internal sealed class CompletionArguments
{
    public const string Usage = """
        Usage: dotnet run --project samples/CompletionConsole [-- options]

        One legacy completion (POST /v1/completions), every parameter on the command line:
          --prompt <text>              (default "Once upon a time")   --model <name> (default gpt-3.5-turbo-instruct)
          --max-tokens <n>             (default 60)                   --temperature <0..2> (default 0.5)
          --top-p <0..1>               --n <count>                    --best-of <count>
          --stop <text>                (repeat for up to 4)           --suffix <text>
          --presence-penalty <-2..2>   (default 0)                    --frequency-penalty <-2..2> (default 0)
          --logprobs <0..5>            --echo                         --seed <int>
          --user <id>                  --stream                       print the text as it is generated
        Backend:
          --base-url <url>             an OpenAI-compatible server, e.g. http://localhost:8000/v1/ (vLLM)
          --emulator                   the built-in emulator even when OPENAI_API_KEY is set
        With neither, the OpenAI API is used when OPENAI_API_KEY is set, else the built-in emulator.
        """;

    public CompletionRequest Request { get; } = new()
    {
        Model = "gpt-3.5-turbo-instruct",
        Prompt = "Once upon a time",
        MaxTokens = 60,
        Temperature = 0.5f,
        Stop = null,
        FrequencyPenalty = 0,
        PresencePenalty = 0,
    };

    public bool Stream { get; private set; }

    public Uri? BaseUrl { get; private set; }

    public bool ForceEmulator { get; private set; }

    public bool ShowHelp { get; private set; }

    public static CompletionArguments Parse(string[] args)
    {
        var parsed = new CompletionArguments();
        var r = parsed.Request;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            switch (name)
            {
                case "--stream": parsed.Stream = true; continue;
                case "--echo": r.Echo = true; continue;
                case "--emulator": parsed.ForceEmulator = true; continue;
                case "--help" or "-h" or "-?": parsed.ShowHelp = true; continue;
            }

            var value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "--prompt": r.Prompt = value; break;
                case "--model": r.Model = value; break;
                case "--max-tokens": r.MaxTokens = Int(name, value); break;
                case "--temperature": r.Temperature = Float(name, value); break;
                case "--top-p": r.TopP = Float(name, value); break;
                case "--n": r.N = Int(name, value); break;
                case "--best-of": r.BestOf = Int(name, value); break;
                case "--stop": (r.Stop ??= []).Add(value.Replace("\\n", "\n", StringComparison.Ordinal)); break;
                case "--suffix": r.Suffix = value; break;
                case "--presence-penalty": r.PresencePenalty = Float(name, value); break;
                case "--frequency-penalty": r.FrequencyPenalty = Float(name, value); break;
                case "--logprobs": r.Logprobs = Int(name, value); break;
                case "--seed": r.Seed = long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : throw Invalid(name, value); break;
                case "--user": r.User = value; break;
                case "--base-url": parsed.BaseUrl = Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : throw Invalid(name, value); break;
                default: throw new ArgumentException($"Unknown option '{name}'.");
            }
        }

        return parsed;
    }

    private static int Int(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result) ? result : throw Invalid(name, value);

    private static float Float(string name, string value) =>
        float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var result) ? result : throw Invalid(name, value);

    private static ArgumentException Invalid(string name, string value) => new($"{name}: '{value}' is not valid.");
}
