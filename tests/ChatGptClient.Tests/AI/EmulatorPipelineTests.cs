using System.Text.Json.Nodes;
using ChatGpt.Testing;
using ChatGpt.Tests.TestSupport;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace ChatGpt.Tests.AI;

/// <summary>
/// The adapter and Microsoft.Extensions.AI middleware over the emulator, which rejects requests the real API would
/// reject (unknown parameters, wrong shapes), so these also prove the adapter's requests are valid.
/// </summary>
public sealed class EmulatorPipelineTests
{
    private static (IChatClient Client, ChatGptEmulator Emulator, ServiceProvider Provider) CreatePipeline()
    {
        var emulator = new ChatGptEmulator();
        var services = new ServiceCollection();
        services.AddChatGpt(o => o.DefaultModel = "gpt-4o-mini").UseEmulator(emulator);
        services.AddChatClient(sp => sp.CreateChatGptChatClient())
            .UseFunctionInvocation()
            .UseOpenTelemetry(sourceName: "ChatGpt.Tests.Emulator");
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<IChatClient>(), emulator, provider);
    }

    [Fact]
    public async Task GetResponseAsync_ToolCallOverEmulator_RunsTheFunctionAndQuotesItsResult()
    {
        var (client, emulator, provider) = CreatePipeline();
        await using var _ = provider;
        var cities = new List<string>();
        var weather = AIFunctionFactory.Create((string city) => { cities.Add(city); return new DayForecast(city, 21); }, "get_weather", "Gets the weather of a city");

        var response = await client.GetResponseAsync("What's the weather in Paris?", new ChatOptions { Tools = [weather], Temperature = 0.2f, MaxOutputTokens = 200 });

        Assert.Equal(["Paris"], cities);
        Assert.Contains("get_weather", response.Text, StringComparison.Ordinal);
        Assert.Contains("\"high\":21", response.Text, StringComparison.Ordinal);
        Assert.Equal(2, emulator.Requests.Count);
        var messages = emulator.Requests[1].Body!["messages"]!.AsArray();
        Assert.Equal("tool", (string?)messages[^1]!["role"]);
        Assert.Equal((string?)messages[^2]!["tool_calls"]![0]!["id"], (string?)messages[^1]!["tool_call_id"]);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ToolCallOverEmulator_StreamsTheFinalAnswerWithUsage()
    {
        var (client, emulator, provider) = CreatePipeline();
        await using var _ = provider;
        var weather = AIFunctionFactory.Create((string city) => $"{city}: sunny", "get_weather", "Gets the weather of a city");

        var response = await client.GetStreamingResponseAsync("What's the weather in Paris?", new ChatOptions { Tools = [weather] }).ToChatResponseAsync();

        Assert.Contains("Paris: sunny", response.Text, StringComparison.Ordinal);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.True(response.Usage!.TotalTokenCount > 0);
        Assert.All(emulator.Requests, r => Assert.True(r.IsStreaming));
    }

    [Fact]
    public async Task GetResponseAsyncOfT_JsonSchemaOverEmulator_ReturnsAnInstanceOfTheType()
    {
        var (client, emulator, provider) = CreatePipeline();
        await using var _ = provider;

        var response = await client.GetResponseAsync<DayForecast>("Forecast for Monday?");

        Assert.NotNull(response.Result);
        var format = emulator.Requests[0].Body!["response_format"]!;
        Assert.Equal("json_schema", (string?)format["type"]);
        Assert.Equal("object", (string?)format["json_schema"]!["schema"]!["type"]);
    }
}
