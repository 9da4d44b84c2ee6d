// ChatConsole: a terminal chatbot on ChatGptClient. Run with no key to talk to the built-in emulator.
//
//   dotnet run                               chat (the emulator without OPENAI_API_KEY)
//   dotnet run -- "Count to 5"               answer one prompt and exit (text piped on stdin works too)
//   dotnet run -- --base-url http://localhost:11434/v1/ --model llama3.2      Ollama
using System.CommandLine;
using ChatConsole;
using ChatGpt;
using ChatGpt.Samples;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

var backendOptions = new BackendOptions(defaultModel: "gpt-4o-mini");
var promptArgument = SampleCommand.FreeText("prompt", "Answer this one prompt and exit (also: text piped on stdin)");
var promptOption = new Option<string?>("--prompt") { Description = "The one prompt, as an option", HelpName = "text" };
var systemOption = new Option<string>("--system") { Description = "The system prompt", DefaultValueFactory = _ => "You are a helpful assistant. Answer briefly.", HelpName = "text" };
var root = new RootCommand("""
    A terminal chatbot. While chatting: /reset clears the conversation, /model <name> switches model, /exit quits,
    Ctrl+C stops the current answer (press it again at the prompt to quit).
    """)
{
    promptArgument, promptOption, systemOption,
};
backendOptions.AddTo(root);
root.SetAction((parsed, _) => RunAsync(parsed));
return await SampleCommand.RunAsync(root, args);

async Task<int> RunAsync(ParseResult parsed)
{
    var builder = Host.CreateApplicationBuilder();
    var backend = backendOptions.Register(parsed, builder.Services, builder.Logging);

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
    var session = new ChatSession(client, parsed.GetValue(systemOption)!, parsed.GetValue(backendOptions.Model)!);

    // Non-interactive: --prompt, or text piped on stdin (an empty or closed stdin gets a greeting), answered once.
    string? oneShot = parsed.GetValue(promptArgument) ?? parsed.GetValue(promptOption);
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
}
