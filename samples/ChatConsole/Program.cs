// ChatConsole: a terminal chatbot on ChatGptClient. Run with no key to talk to the built-in emulator.
using ChatConsole;
using ChatGpt;
using ChatGpt.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

ChatConsoleOptions options;
try
{
    options = ChatConsoleOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(ChatConsoleOptions.Usage);
    return 2;
}

if (options.ShowHelp)
{
    Console.WriteLine(ChatConsoleOptions.Usage);
    return 0;
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var chatGpt = builder.Services.AddChatGpt(o =>
{
    if (options.BaseUrl is not null)
    {
        o.BaseAddress = options.BaseUrl;
    }
});

string backend;
if (options.BaseUrl is not null && !options.ForceEmulator)
{
    backend = options.BaseUrl.ToString();
}
else if (!options.ForceEmulator && !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ChatGptOptions.ApiKeyEnvironmentVariable)))
{
    backend = "the OpenAI API (OPENAI_API_KEY)";
}
else
{
    // No key: answer from the in-memory emulator, streamed at a readable pace.
    chatGpt.UseEmulator(new ChatGptEmulator { ChunkDelay = TimeSpan.FromMilliseconds(15) });
    backend = "the built-in emulator (no OPENAI_API_KEY set; answers are canned)";
}

using var host = builder.Build();
IChatGptClient client;
try
{
    client = host.Services.GetRequiredService<IChatGptClient>();
}
catch (OptionsValidationException ex)
{
    // E.g. a --base-url that is not on this machine and no OPENAI_API_KEY.
    Console.Error.WriteLine($"Configuration error: {ex.Message}");
    return 2;
}
var session = new ChatSession(client, options.SystemPrompt, options.Model ?? "gpt-4o-mini");

// Non-interactive: --prompt, or text piped on stdin (an empty or closed stdin gets a greeting), answered once.
string? oneShot = options.Prompt;
if (oneShot is null && Console.IsInputRedirected)
{
    var piped = (await Console.In.ReadToEndAsync()).Trim();
    oneShot = piped.Length > 0 ? piped : "Hello! What can you do?";
}

CancellationTokenSource? answering = null;
var quitRequested = false;
Console.CancelKeyPress += (_, e) =>
{
    var current = answering;
    if (current is not null)
    {
        // Ctrl+C while answering stops the answer, not the program.
        e.Cancel = true;
        current.Cancel();
    }
    else
    {
        quitRequested = true;
    }
};

Console.Error.WriteLine($"Backend: {backend}. Model: {session.Model}.");
if (oneShot is not null)
{
    Console.WriteLine($"> {oneShot}");
    return await AnswerAsync(oneShot) ? 0 : 1;
}

Console.WriteLine("Type a message. /reset clears the conversation, /model <name> switches model, /exit quits. Ctrl+C stops an answer.");
while (!quitRequested)
{
    Console.Write("> ");
    var line = Console.ReadLine();
    if (line is null)
    {
        break;
    }

    line = line.Trim();
    if (line.Length == 0)
    {
        continue;
    }

    if (line is "/exit" or "/quit")
    {
        break;
    }

    if (line == "/reset")
    {
        session.Reset();
        Console.WriteLine("(conversation cleared)");
        continue;
    }

    if (line.StartsWith("/model", StringComparison.Ordinal))
    {
        var name = line["/model".Length..].Trim();
        if (name.Length > 0)
        {
            session.Model = name;
        }

        Console.WriteLine($"(model: {session.Model})");
        continue;
    }

    await AnswerAsync(line);
}

return 0;

async Task<bool> AnswerAsync(string text)
{
    using var cancellation = new CancellationTokenSource();
    answering = cancellation;
    try
    {
        var usage = await session.AskAsync(text, Console.Out, cancellation.Token);
        Console.WriteLine();
        Console.WriteLine(usage is null ? "[no usage reported]" : $"[{usage.PromptTokens} prompt + {usage.CompletionTokens} completion = {usage.TotalTokens} tokens]");
        return true;
    }
    catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
    {
        Console.WriteLine();
        Console.WriteLine("[answer cancelled]");
        return false;
    }
    catch (ChatGptException ex)
    {
        Console.WriteLine();
        Console.Error.WriteLine($"Error: {ex.Message}");
        return false;
    }
    finally
    {
        answering = null;
    }
}
