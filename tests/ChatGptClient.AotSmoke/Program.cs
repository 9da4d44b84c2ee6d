using System.Text.Json.Serialization;
using ChatGpt;
using ChatGpt.AotSmoke;
using ChatGpt.Chat;
using ChatGpt.Testing;
using MEAI = Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

// Exercises the public surface a Native AOT app uses: DI with resilience, a chat call, a stream, a structured output
// read through source-generated metadata, the models list and the Microsoft.Extensions.AI adapter. Prints one line per
// step and exits 0; any exception exits 1 with its message, so the test that runs the binary shows what broke.
try
{
    var emulator = new ChatGptEmulator();
    var services = new ServiceCollection();
    services.AddChatGpt(options => options.ApiKey = "sk-aot-smoke").UseEmulator(emulator);
    await using var provider = services.BuildServiceProvider();
    var client = provider.GetRequiredService<IChatGptClient>();

    emulator.Enqueue(EmulatorResponse.Text("Hello from AOT"));
    var answer = await client.CreateChatCompletionAsync(new ChatCompletionRequest { Messages = [ChatMessage.User("Hi")], ServiceTier = ChatServiceTier.Default });
    Check(answer.Content == "Hello from AOT" && answer.FinishReason == FinishReason.Stop, $"chat: {answer.Content} / {answer.FinishReason}");
    Console.WriteLine($"chat: {answer.Content} ({answer.Usage})");

    var streamed = new System.Text.StringBuilder();
    var chunks = 0;
    await foreach (var chunk in client.StreamChatCompletionAsync(new ChatCompletionRequest { Messages = [ChatMessage.User("Count to five")] }))
    {
        streamed.Append(chunk.ContentDelta);
        chunks++;
    }

    Check(chunks > 1 && streamed.Length > 0, $"stream: {chunks} chunks");
    Console.WriteLine($"stream: {chunks} chunks, {streamed.Length} characters");

    var structured = await client.CreateChatCompletionAsync(new ChatCompletionRequest
    {
        Messages = [ChatMessage.User("Give me a city")],
        ResponseFormat = ChatResponseFormat.ForJsonSchema(SmokeJson.Default.CityReport),
    });
    var city = structured.GetContent(SmokeJson.Default.CityReport);
    Check(city is { Name.Length: > 0 } && city.Rating is >= 1 and <= 5, $"structured: {structured.Content}");
    Console.WriteLine($"structured: {city.Name}, rating {city.Rating}");

    var models = await client.ListModelsAsync();
    Check(models.Count > 0, "models: none");
    Console.WriteLine($"models: {models.Count}");

    var text = await ExtensionsAI.AskAsync(client);
    Check(text.Length > 0, "IChatClient: empty answer");
    Console.WriteLine($"IChatClient: {text.Length} characters");

    Console.WriteLine("AOT smoke test passed");
    return 0;
}
catch (Exception exception)
{
    Console.Error.WriteLine($"AOT smoke test failed: {exception}");
    return 1;
}

static void Check(bool condition, string what)
{
    if (!condition)
    {
        throw new InvalidOperationException("Unexpected result, " + what);
    }
}

namespace ChatGpt.AotSmoke
{
    /// <summary>The Microsoft.Extensions.AI adapter, apart: its ChatMessage and ChatResponseFormat share our types' names.</summary>
    internal static class ExtensionsAI
    {
        public static async Task<string> AskAsync(IChatGptClient client)
        {
            MEAI.IChatClient chat = MEAI.ChatGptChatClientExtensions.AsIChatClient(client);
            var response = await MEAI.ChatClientExtensions.GetResponseAsync(chat, "Say hi");
            return response.FinishReason == MEAI.ChatFinishReason.Stop ? response.Text : string.Empty;
        }
    }

    /// <summary>The structured answer: a bounded number checks the emulator honours the schema the AOT build exported.</summary>
    internal sealed record CityReport(string Name, [property: System.ComponentModel.DataAnnotations.Range(1, 5)] int Rating);

    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
    [JsonSerializable(typeof(CityReport))]
    internal sealed partial class SmokeJson : JsonSerializerContext;
}
