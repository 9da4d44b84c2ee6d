// AssistantWithTools: an assistant that answers with two C# functions (order lookup and weather) through
// Microsoft.Extensions.AI. AddChatGpt registers the client, AddChatClient builds the IChatClient pipeline, and
// UseFunctionInvocation runs the functions the model asks for and sends their results back to it.
//
//   dotnet run                                   offline: the built-in emulator plays the model (no key, no network)
//   OPENAI_API_KEY=sk-... dotnet run             the OpenAI API
//   dotnet run -- --base-url http://localhost:11434/v1/ --model llama3.2    any OpenAI-compatible server
//   dotnet run -- "Is it raining in London?"     your own questions
using AssistantWithTools;
using ChatGpt;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

const string Usage = """
    Usage: AssistantWithTools [options] [question ...]
      --model <name>      the model (default gpt-4o-mini)
      --base-url <url>    an OpenAI-compatible server, e.g. http://localhost:11434/v1/
      --emulator          use the built-in emulator even when OPENAI_API_KEY is set
      --help              show this help
    Backend: --base-url if given, else the OpenAI API when OPENAI_API_KEY is set, else the built-in emulator.
    """;

string? baseUrl = null;
string? model = null;
var forceEmulator = false;
var questions = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--model" when i + 1 < args.Length:
            model = args[++i];
            break;
        case "--base-url" when i + 1 < args.Length && Uri.TryCreate(args[i + 1], UriKind.Absolute, out _):
            baseUrl = args[++i];
            break;
        case "--emulator":
            forceEmulator = true;
            break;
        case "--help" or "-h":
            Console.WriteLine(Usage);
            return 0;
        case var option when option.StartsWith("--", StringComparison.Ordinal):
            Console.Error.WriteLine($"Unknown option or missing value: '{option}'.");
            Console.Error.WriteLine(Usage);
            return 2;
        default:
            questions.Add(args[i]);
            break;
    }
}

if (questions.Count == 0)
{
    questions.AddRange(["What's the weather in Paris?", "Can you check the order status for A-1001?"]);
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);

// The client logs each retry itself; Polly's own per-attempt records would repeat them with stack traces.
builder.Logging.AddFilter("Polly", LogLevel.Error);

var chatGpt = builder.Services.AddChatGpt(options =>
{
    if (baseUrl is not null)
    {
        options.BaseAddress = new Uri(baseUrl);
    }

    if (model is not null)
    {
        options.DefaultModel = model;
    }
});

string backend;
if (baseUrl is not null && !forceEmulator)
{
    backend = baseUrl;
}
else if (!forceEmulator && !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ChatGptOptions.ApiKeyEnvironmentVariable)))
{
    backend = "the OpenAI API";
}
else
{
    // No key and no server: the in-memory emulator from ChatGptClient.Testing plays the model. It calls a tool when
    // the question mentions it ("weather", "order") and then quotes the tool's result.
    chatGpt.UseEmulator();
    backend = "the built-in emulator (no OPENAI_API_KEY set; answers are canned)";
}

builder.Services.AddSingleton<OrderBook>();
builder.Services.AddSingleton<WeatherStation>();
builder.Services.AddChatClient(services => services.CreateChatGptChatClient())
    .UseFunctionInvocation();

using var host = builder.Build();
var chat = host.Services.GetRequiredService<IChatClient>();
var orders = host.Services.GetRequiredService<OrderBook>();
var weather = host.Services.GetRequiredService<WeatherStation>();

var chatOptions = new ChatOptions
{
    Tools =
    [
        AIFunctionFactory.Create(orders.GetOrderStatus, "get_order_status"),
        AIFunctionFactory.Create(weather.GetWeather, "get_weather"),
    ],
};

Console.Error.WriteLine($"Backend: {backend}. Model: {chat.GetService<ChatClientMetadata>()?.DefaultModelId}.");
List<ChatMessage> history = [new(ChatRole.System, "You are a helpful shop assistant. Use the tools for orders and weather; answer in one or two sentences.")];
try
{
    foreach (var question in questions)
    {
        Console.WriteLine($"> {question}");
        history.Add(new ChatMessage(ChatRole.User, question));
        var response = await chat.GetResponseAsync(history, chatOptions);
        history.AddMessages(response);
        foreach (var call in response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>())
        {
            var arguments = string.Join(", ", call.Arguments?.Select(a => $"{a.Key}: {a.Value}") ?? []);
            Console.WriteLine($"  [called {call.Name}({arguments})]");
        }

        Console.WriteLine(response.Text);
        Console.WriteLine($"  [{response.Usage?.InputTokenCount} prompt + {response.Usage?.OutputTokenCount} completion tokens over the round trips]");
    }
}
catch (ChatGptException ex)
{
    Console.Error.WriteLine($"Error: {ex.Message}");
    return 1;
}

Console.WriteLine($"Functions run: get_order_status x{orders.Calls}, get_weather x{weather.Calls}.");
return 0;
