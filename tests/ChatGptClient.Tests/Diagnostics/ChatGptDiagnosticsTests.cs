using ChatGpt.Chat;
using ChatGpt.Diagnostics;

namespace ChatGpt.Tests.Diagnostics;

public sealed class ChatGptDiagnosticsTests
{
    [Fact]
    public void Names_ArePinned()
    {
        // Users subscribe with these strings in configuration and dashboards: changing one breaks them silently.
        Assert.Equal("ChatGptClient", ChatGptDiagnostics.ActivitySourceName);
        Assert.Equal("ChatGptClient", ChatGptDiagnostics.MeterName);
        Assert.Equal("gen_ai.client.operation.duration", ChatGptDiagnostics.OperationDurationMetricName);
        Assert.Equal("gen_ai.client.token.usage", ChatGptDiagnostics.TokenUsageMetricName);
        Assert.Equal("gen_ai.client.operation.time_to_first_chunk", ChatGptDiagnostics.TimeToFirstChunkMetricName);
    }

    [Fact]
    public void Defaults_ContentAndRawBodyAreOff()
    {
        var options = new ChatGptOptions();

        Assert.False(options.LogContent);
        Assert.False(options.CaptureRawResponse);
    }

    [Fact]
    public async Task CreateChatCompletionAsync_LogContentWithToolCalls_RecordsToolCallParts()
    {
        using var harness = new TelemetryHarness(static o => o.LogContent = true);
        harness.RespondJson(TelemetryHarness.ChatUrl, TelemetryHarness.ChatJson);
        using var recorder = new ActivityRecorder();
        var request = new ChatCompletionRequest
        {
            Model = "gpt-4o-mini",
            Messages =
            [
                ChatMessage.User("Weather in Paris?"),
                ChatMessage.Assistant([new ChatToolCall { Id = "call_1", Function = new ChatFunctionCall { Name = "get_weather", Arguments = """{"city":"Paris"}""" } }]),
                ChatMessage.Tool("call_1", "18°C, sunny"),
                ChatMessage.User([ChatContentPart.FromText("And this picture?"), ChatContentPart.FromImage(new Uri("https://example.test/cat.png"))]),
            ],
        };

        await harness.Client.CreateChatCompletionAsync(request);

        Assert.Equal(
            """[{"role":"user","parts":[{"type":"text","content":"Weather in Paris?"}]},{"role":"assistant","parts":[{"type":"tool_call","id":"call_1","name":"get_weather","arguments":"{\"city\":\"Paris\"}"}]},{"role":"tool","parts":[{"type":"tool_call_response","id":"call_1","response":"18°C, sunny"}]},{"role":"user","parts":[{"type":"text","content":"And this picture?"},{"type":"image_url"}]}]""",
            recorder.Single().GetTagItem("gen_ai.input.messages"));
    }
}
