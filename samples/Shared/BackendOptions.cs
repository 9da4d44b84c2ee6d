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
    public BackendOptions(string defaultModel)
    {
        Model = new Option<string>("--model") { Description = "The model", DefaultValueFactory = _ => defaultModel, HelpName = "name" };
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

        var hasKey = !string.IsNullOrWhiteSpace(apiKey) || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ChatGptOptions.ApiKeyEnvironmentVariable));
        var hasServer = baseUrl is not null || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OPENAI_BASE_URL"));
        if (parsed.GetValue(Emulator) || (!hasServer && !hasKey))
        {
            chatGpt.UseEmulator(new ChatGptEmulator { ChunkDelay = TimeSpan.FromMilliseconds(15) });
            return "the built-in emulator" + (hasKey ? string.Empty : " (no OPENAI_API_KEY set; answers are canned)");
        }

        return baseUrl?.ToString() ?? Environment.GetEnvironmentVariable("OPENAI_BASE_URL") ?? "the OpenAI API";
    }
}
