using System.Text.Json.Nodes;
using ChatGpt.Chat;
using ChatGpt.Completions;
using RichardSzalay.MockHttp;

namespace ChatGpt.Tests.TestSupport;

/// <summary>Sends a request through the real client and returns the exact JSON it put on the wire.</summary>
internal static class WireCapture
{
    public static async Task<string> SendAndCapture(ChatCompletionRequest request)
    {
        var mock = new MockHttpMessageHandler();
        string? body = null;
        mock.When("*").CaptureBody(b => body = b).Respond("application/json", Bodies.ChatCompletion);
        await TestClients.Create(mock).CreateChatCompletionAsync(request);
        return body!;
    }

    public static async Task<string> SendAndCapture(CompletionRequest request)
    {
        var mock = new MockHttpMessageHandler();
        string? body = null;
        mock.When("*").CaptureBody(b => body = b).Respond("application/json", Bodies.Completion);
        await TestClients.Create(mock).CreateCompletionAsync(request);
        return body!;
    }

    public static void AssertJsonEqual(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"Expected:\n{expected}\nActual:\n{actual}");
}
