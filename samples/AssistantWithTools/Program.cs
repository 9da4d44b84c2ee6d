// An assistant that answers with two C# functions (order lookup and weather) through Microsoft.Extensions.AI:
// AddChatGpt registers the client, AddChatClient builds the IChatClient pipeline, UseFunctionInvocation runs the
// functions the model asks for and sends their results back.
//
//   dotnet run                                  offline, against the built-in emulator (no key, no network)
//   OPENAI_API_KEY=sk-... dotnet run            against OpenAI
//   dotnet run -- --base-url http://localhost:11434/v1/ --model llama3.1    any OpenAI-compatible server
//   dotnet run -- "Is it raining in London?"    your own questions
using AssistantWithTools;
using ChatGpt;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);

// The client logs each retry itself; Polly's own per-attempt records would repeat them with stack traces.
builder.Logging.AddFilter("Polly", LogLevel.Error);

var baseUrl = builder.Configuration["base-url"];
var model = builder.Configuration["model"];
var hasKey = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ChatGptOptions.ApiKeyEnvironmentVariable))
    || !string.IsNullOrWhiteSpace(builder.Configuration["ChatGpt:ApiKey"]);

var chatGpt = builder.Services.AddChatGpt(options =>
{
    if (!string.IsNullOrWhiteSpace(baseUrl))
    {
        options.BaseAddress = new Uri(baseUrl);
    }

    if (!string.IsNullOrWhiteSpace(model))
    {
        options.DefaultModel = model;
    }
});

string target;
if (!hasKey && string.IsNullOrWhiteSpace(baseUrl))
{
    // No key and no server: the in-memory emulator from ChatGptClient.Testing plays the model.
    chatGpt.UseEmulator();
    target = "the local emulator (set OPENAI_API_KEY or pass --base-url to use a real model)";
}
else
{
    target = string.IsNullOrWhiteSpace(baseUrl) ? "OpenAI" : baseUrl;
}

builder.Services.AddSingleton<OrderBook>();
builder.Services.AddSingleton<WeatherStation>();
builder.Services.AddChatClient(services => services.CreateChatGptChatClient())
    .UseFunctionInvocation();

using var host = builder.Build();
var chat = host.Services.GetRequiredService<IChatClient>();
var orders = host.Services.GetRequiredService<OrderBook>();
var weather = host.Services.GetRequiredService<WeatherStation>();

var options = new ChatOptions
{
    Tools =
    [
        AIFunctionFactory.Create(orders.GetOrderStatus, "get_order_status"),
        AIFunctionFactory.Create(weather.GetWeather, "get_weather"),
    ],
};

string[] questions = builder.Configuration["question"] is { Length: > 0 } single
    ? [single]
    : args.Where(a => !a.StartsWith("--", StringComparison.Ordinal) && !IsOptionValue(args, a)).ToArray() is { Length: > 0 } given
        ? given
        : ["What's the weather in Paris?", "Can you check the order status for A-1001?"];

var metadata = chat.GetService<ChatClientMetadata>();
Console.WriteLine($"Assistant with tools: talking to {target}, model {metadata?.DefaultModelId}.");
List<ChatMessage> history = [new(ChatRole.System, "You are a helpful shop assistant. Use the tools for orders and weather; answer in one or two sentences.")];
try
{
    foreach (var question in questions)
    {
        Console.WriteLine();
        Console.WriteLine($"You:       {question}");
        history.Add(new ChatMessage(ChatRole.User, question));
        var response = await chat.GetResponseAsync(history, options);
        history.AddMessages(response);
        foreach (var call in response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>())
        {
            Console.WriteLine($"  (called {call.Name}({string.Join(", ", call.Arguments?.Select(a => $"{a.Key}: {a.Value}") ?? [])}))");
        }

        Console.WriteLine($"Assistant: {response.Text}");
    }
}
catch (ChatGptException ex)
{
    Console.Error.WriteLine($"The API call failed: {ex.Message}");
    return 1;
}

Console.WriteLine();
Console.WriteLine($"Function calls: get_order_status x{orders.Calls}, get_weather x{weather.Calls}.");
return 0;

// "--model gpt-4o" style options: the word after an option is its value, not a question.
static bool IsOptionValue(string[] args, string arg)
{
    var index = Array.IndexOf(args, arg);
    return index > 0 && args[index - 1].StartsWith("--", StringComparison.Ordinal) && !args[index - 1].Contains('=', StringComparison.Ordinal);
}
