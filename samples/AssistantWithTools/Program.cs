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
using ChatGpt.Samples;
using System.CommandLine;

var backendOptions = new BackendOptions(defaultModel: "gpt-4o-mini");
var questionsArgument = new Argument<string[]>("question")
{
    Description = "Your questions, answered in turn (default: a weather question and an order question)",
    Arity = ArgumentArity.ZeroOrMore,
};
var root = new RootCommand("A shop assistant that answers with two C# functions (order lookup and weather) through Microsoft.Extensions.AI.") { questionsArgument };
backendOptions.AddTo(root);
root.SetAction((parsed, _) => RunAsync(parsed));
return await SampleCommand.RunAsync(root, args);

async Task<int> RunAsync(ParseResult parsed)
{
    var questions = parsed.GetValue(questionsArgument) is { Length: > 0 } asked ? asked : ["What's the weather in Paris?", "Can you check the order status for A-1001?"];

    var builder = Host.CreateApplicationBuilder();

    // No key and no server: the in-memory emulator from ChatGptClient.Testing plays the model. It calls a tool when the
    // question mentions it ("weather", "order") and then quotes the tool's result.
    var backend = backendOptions.Register(parsed, builder.Services, builder.Logging);

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
}
