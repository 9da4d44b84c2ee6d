// CompletionConsole: one legacy completion with every parameter on the command line (the classic
// openai.Completion.create(prompt=..., max_tokens=60, temperature=0.5, ...) call). No key: the built-in emulator answers.
//
//   dotnet run -- "Say this is a test"                        the prompt, answered
//   dotnet run -- "Once upon a time" --max-tokens 30 --stream
//   dotnet run -- --help
using System.CommandLine;
using ChatGpt;
using ChatGpt.Chat;
using ChatGpt.Completions;
using ChatGpt.Samples;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

var backend = new BackendOptions(defaultModel: "gpt-3.5-turbo-instruct");
var promptArgument = SampleCommand.FreeText("prompt", "The prompt (default \"Once upon a time\")");
var promptOption = new Option<string?>("--prompt") { Description = "The prompt, as an option", HelpName = "text" };
var maxTokens = new Option<int>("--max-tokens") { Description = "The most tokens to generate", DefaultValueFactory = _ => 60 };
var temperature = new Option<float>("--temperature") { Description = "Sampling temperature, 0 to 2", DefaultValueFactory = _ => 0.5f };
var topP = new Option<float?>("--top-p") { Description = "Nucleus sampling, 0 to 1" };
var n = new Option<int?>("--n") { Description = "How many completions" };
var bestOf = new Option<int?>("--best-of") { Description = "Generate this many server-side and return the best" };
var stop = new Option<string[]>("--stop") { Description = "Stop sequence (repeat for up to 4; \\n for a newline)", AllowMultipleArgumentsPerToken = false };
var suffix = new Option<string?>("--suffix") { Description = "Text after the completion" };
var presencePenalty = new Option<float>("--presence-penalty") { Description = "-2 to 2", DefaultValueFactory = _ => 0 };
var frequencyPenalty = new Option<float>("--frequency-penalty") { Description = "-2 to 2", DefaultValueFactory = _ => 0 };
var logprobs = new Option<int?>("--logprobs") { Description = "Log probabilities of the top 0 to 5 tokens" };
var echo = new Option<bool>("--echo") { Description = "Echo the prompt in the completion" };
var seed = new Option<long?>("--seed") { Description = "Seed for best-effort determinism" };
var user = new Option<string?>("--user") { Description = "An end-user id" };
var stream = new Option<bool>("--stream") { Description = "Print the text as it is generated" };

var root = new RootCommand("One legacy completion (POST /v1/completions), every parameter on the command line.")
{
    promptArgument, promptOption, maxTokens, temperature, topP, n, bestOf, stop, suffix, presencePenalty, frequencyPenalty, logprobs, echo, seed, user, stream,
};
backend.AddTo(root);

root.SetAction(async (parsed, cancellationToken) =>
{
    var builder = Host.CreateApplicationBuilder();
    var backendName = backend.Register(parsed, builder.Services, builder.Logging);
    Console.Error.WriteLine($"Backend: {backendName}.");

    using var host = builder.Build();
    IChatGptClient client;
    try
    {
        client = host.Services.GetRequiredService<IChatGptClient>();
    }
    catch (OptionsValidationException ex)
    {
        // E.g. a --base-url that is not on this machine and no key.
        Console.Error.WriteLine($"Configuration error: {ex.Message}");
        return 2;
    }

    var request = new CompletionRequest
    {
        Model = parsed.GetValue(backend.Model),
        Prompt = parsed.GetValue(promptArgument) ?? parsed.GetValue(promptOption) ?? "Once upon a time",
        MaxTokens = parsed.GetValue(maxTokens),
        Temperature = parsed.GetValue(temperature),
        TopP = parsed.GetValue(topP),
        N = parsed.GetValue(n),
        BestOf = parsed.GetValue(bestOf),
        Stop = parsed.GetValue(stop) is { Length: > 0 } stops ? [.. stops.Select(s => s.Replace("\\n", "\n", StringComparison.Ordinal))] : null,
        Suffix = parsed.GetValue(suffix),
        PresencePenalty = parsed.GetValue(presencePenalty),
        FrequencyPenalty = parsed.GetValue(frequencyPenalty),
        Logprobs = parsed.GetValue(logprobs),
        Echo = parsed.GetValue(echo) ? true : null,
        Seed = parsed.GetValue(seed),
        User = parsed.GetValue(user),
    };

    try
    {
        if (parsed.GetValue(stream))
        {
            request.StreamOptions ??= new ChatStreamOptions { IncludeUsage = true };
            CompletionUsage? usage = null;
            string? finishReason = null;
            Console.Write(request.Echo == true ? string.Empty : request.Prompt);
            await foreach (var part in client.StreamCompletionAsync(request, cancellationToken))
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
            Console.WriteLine($"[finish_reason: {finishReason ?? "n/a"}{(usage is null ? string.Empty : $"; {usage}")}]");
        }
        else
        {
            var completion = await client.CreateCompletionAsync(request, cancellationToken);
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
    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
    {
        Console.Error.WriteLine("[cancelled]");
        return 130;
    }
});

return await SampleCommand.RunAsync(root, args);
