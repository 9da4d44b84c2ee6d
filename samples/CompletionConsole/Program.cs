// CompletionConsole: one legacy completion with every parameter on the command line (the classic
// openai.Completion.create(prompt=..., max_tokens=60, temperature=0.5, ...) call). No key: the built-in emulator answers.
using ChatGpt;
using ChatGpt.Chat;
using ChatGpt.Testing;
using CompletionConsole;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

CompletionArguments arguments;
try
{
    arguments = CompletionArguments.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(CompletionArguments.Usage);
    return 2;
}

if (arguments.ShowHelp)
{
    Console.WriteLine(CompletionArguments.Usage);
    return 0;
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var chatGpt = builder.Services.AddChatGpt(o =>
{
    if (arguments.BaseUrl is not null)
    {
        o.BaseAddress = arguments.BaseUrl;
    }
});

var useEmulator = arguments.ForceEmulator ||
    (arguments.BaseUrl is null && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ChatGptOptions.ApiKeyEnvironmentVariable)));
if (useEmulator)
{
    chatGpt.UseEmulator(new ChatGptEmulator { ChunkDelay = TimeSpan.FromMilliseconds(15) });
}

Console.Error.WriteLine($"Backend: {(useEmulator ? "the built-in emulator (no OPENAI_API_KEY set)" : arguments.BaseUrl?.ToString() ?? "the OpenAI API")}.");

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
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var request = arguments.Request;
try
{
    if (arguments.Stream)
    {
        request.StreamOptions ??= new ChatStreamOptions { IncludeUsage = true };
        CompletionUsage? usage = null;
        FinishReason? finishReason = null;
        Console.Write(request.Echo == true ? string.Empty : request.Prompt);
        await foreach (var part in client.StreamCompletionAsync(request, cancellation.Token))
        {
            // With --n above 1 the choices arrive interleaved: print the first one.
            foreach (var choice in part.Choices.Where(c => c.Index == 0))
            {
                Console.Write(choice.Text);
                finishReason = choice.FinishReason ?? finishReason;
            }

            usage = part.Usage ?? usage;
        }

        Console.WriteLine();
        Console.WriteLine($"[finish_reason: {finishReason?.Value ?? "n/a"}{(usage is null ? string.Empty : $"; {usage}")}]");
    }
    else
    {
        var completion = await client.CreateCompletionAsync(request, cancellation.Token);
        foreach (var choice in completion.Choices)
        {
            if (completion.Choices.Count > 1)
            {
                Console.WriteLine($"--- choice {choice.Index} ---");
            }

            Console.WriteLine(request.Echo == true ? choice.Text : request.Prompt + choice.Text);
            Console.WriteLine($"[finish_reason: {choice.FinishReason}]");
        }

        Console.WriteLine($"[model: {completion.Model}; {completion.Usage}]");
    }

    return 0;
}
catch (ChatGptException ex)
{
    Console.Error.WriteLine($"Error: {ex.Message}");
    return 1;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("[cancelled]");
    return 130;
}
