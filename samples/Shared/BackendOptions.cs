// Shared by every console sample (linked into each project): the same backend options and the same --help.
using System.CommandLine;
using ChatGpt;
using ChatGpt.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatGpt.Samples;

/// <summary>The backend options every sample takes: --api-key, --base-url, --model and --emulator.</summary>
internal sealed class BackendOptions
{
    /// <param name="defaultModel">The model used when --model is not given.</param>
    /// <param name="modelDescription">What --model means in this sample (the fine-tuning sample's is the base model).</param>
    public BackendOptions(string defaultModel, string modelDescription = "The model")
    {
        Model = new Option<string>("--model") { Description = modelDescription, DefaultValueFactory = _ => defaultModel, HelpName = "name" };
    }

    /// <summary>No default shown in --help: the key would be printed.</summary>
    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = $"The API key (default: the {ChatGptOptions.ApiKeyEnvironmentVariable} environment variable; prefer it, command lines are visible to other users)",
        HelpName = "key",
    };

    public Option<Uri?> BaseUrl { get; } = new("--base-url")
    {
        Description = "An OpenAI-compatible server, e.g. http://localhost:11434/v1/ (Ollama) (default: OPENAI_BASE_URL, else the OpenAI API)",
        HelpName = "url",
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri))
            {
                return uri;
            }

            result.AddError($"--base-url: '{text}' is not an absolute URL.");
            return null;
        },
    };

    public Option<string> Model { get; }

    public Option<bool> Emulator { get; } = new("--emulator") { Description = "Use the built-in emulator even when a key is set (no network)" };

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(ApiKey);
        command.Options.Add(BaseUrl);
        command.Options.Add(Model);
        command.Options.Add(Emulator);
    }

    /// <summary>
    /// Registers the client: the given server, else the OpenAI API when a key is set, else the built-in emulator (so
    /// the sample runs on a fresh machine). Returns a description of the backend.
    /// </summary>
    public string Register(ParseResult parsed, IServiceCollection services, ILoggingBuilder logging, Action<ChatGptOptions>? configure = null)
    {
        var apiKey = parsed.GetValue(ApiKey);
        var baseUrl = parsed.GetValue(BaseUrl);
        var model = parsed.GetValue(Model);

        // A failed call is printed by the sample (its message); the client's Error record would repeat it with a stack.
        logging.SetMinimumLevel(LogLevel.Warning);
        logging.AddFilter("ChatGpt.ChatGptClient", LogLevel.None);

        var chatGpt = services.AddChatGpt(o =>
        {
            o.ApiKey = string.IsNullOrWhiteSpace(apiKey) ? o.ApiKey : apiKey;
            if (baseUrl is not null)
            {
                o.BaseAddress = baseUrl; // Unset, the library honours OPENAI_BASE_URL.
            }

            o.DefaultModel = model;
            configure?.Invoke(o);
        });

        if (UsesEmulator(parsed))
        {
            chatGpt.UseEmulator(new ChatGptEmulator { ChunkDelay = TimeSpan.FromMilliseconds(15) });
            return "the built-in emulator" + (HasKey(parsed) ? string.Empty : " (no OPENAI_API_KEY set; answers are canned)");
        }

        return baseUrl?.ToString() ?? Environment.GetEnvironmentVariable("OPENAI_BASE_URL") ?? "the OpenAI API";
    }

    /// <summary>
    /// Whether <see cref="Register"/> chose the built-in emulator: --emulator, or neither a server nor a key given.
    /// Samples that wait on the server (a fine-tuning job) poll faster against the emulator.
    /// </summary>
    public bool UsesEmulator(ParseResult parsed)
    {
        var hasServer = parsed.GetValue(BaseUrl) is not null || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OPENAI_BASE_URL"));
        return parsed.GetValue(Emulator) || (!hasServer && !HasKey(parsed));
    }

    private bool HasKey(ParseResult parsed) =>
        !string.IsNullOrWhiteSpace(parsed.GetValue(ApiKey)) || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ChatGptOptions.ApiKeyEnvironmentVariable));
}
