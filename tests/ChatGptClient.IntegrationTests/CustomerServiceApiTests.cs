using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatGpt.Testing;

namespace ChatGpt.IntegrationTests;

/// <summary>The CustomerServiceApi sample end to end: HTTP in, the real ChatGptClient, the emulator as the model.</summary>
public sealed class CustomerServiceApiTests : IClassFixture<CustomerServiceApiFactory>
{
    private readonly CustomerServiceApiFactory _factory;

    public CustomerServiceApiTests(CustomerServiceApiFactory factory)
    {
        _factory = factory;
        _factory.Emulator.Reset();
    }

    [Fact]
    public async Task Root_ReportsTheEmulatorBackend()
    {
        using var client = _factory.CreateClient();

        var info = await client.GetFromJsonAsync<JsonElement>("/");

        Assert.Equal("emulator", info.GetProperty("backend").GetString());
    }

    [Fact]
    public async Task Health_ModelsEndpointAnswers_Healthy()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.Contains(_factory.Emulator.Requests, r => r.Path.EndsWith("/models", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ask_Question_AnswersWithTheModelsReplyAndUsage()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/ask", new { question = "I want a refund for my boots" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("I'm sorry about the trouble. I can start a refund", body.GetProperty("answer").GetString());
        Assert.Equal("gpt-4o-mini", body.GetProperty("model").GetString());
        Assert.True(body.GetProperty("totalTokens").GetInt32() > body.GetProperty("completionTokens").GetInt32());
    }

    [Fact]
    public async Task Ask_SendsSystemPromptHistoryAndQuestionToTheModel()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/ask", new
        {
            question = "And when will it arrive?",
            history = new[] { new { role = "customer", content = "I ordered a tent." }, new { role = "assistant", content = "Thanks!" } },
        });

        response.EnsureSuccessStatusCode();
        var request = Assert.Single(_factory.Emulator.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        var messages = request.Body!["messages"]!.AsArray();
        Assert.Equal(["system", "user", "assistant", "user"], messages.Select(m => (string)m!["role"]!));
        Assert.Equal("You are the test assistant.", (string)messages[0]!["content"]!);
        Assert.Equal("And when will it arrive?", (string)messages[3]!["content"]!);
        Assert.Equal(300, (int)request.Body["max_completion_tokens"]!);
    }

    [Fact]
    public async Task Ask_EmptyQuestion_Answers400ProblemWithoutCallingTheModel()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/ask", new { question = " " });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(_factory.Emulator.Requests);
    }

    [Fact]
    public async Task Ask_ModelOutOfQuota_Answers503ProblemWithTheRequestId()
    {
        _factory.Emulator.When(_ => true, EmulatorResponse.InsufficientQuota());
        using var client = _factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/ask", new { question = "Hello" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("insufficient_quota", problem.GetProperty("code").GetString());
        Assert.StartsWith("req_", problem.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task Ask_ModelRejectsTheRequest_Answers502Problem()
    {
        _factory.Emulator.When(_ => true, EmulatorResponse.Error(HttpStatusCode.BadRequest, "This model's maximum context length is 128000 tokens.", code: "context_length_exceeded"));
        using var client = _factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/ask", new { question = "Hello" });

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("maximum context length", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AskStream_StreamsDeltasThenDone_SameTextAsAsk()
    {
        using var client = _factory.CreateClient();
        using var whole = await client.PostAsJsonAsync("/ask", new { question = "Where is my order?" });
        var expected = (await whole.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("answer").GetString();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/ask/stream") { Content = JsonContent.Create(new { question = "Where is my order?" }) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var events = await ReadEventsAsync(response);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.True(events.Count(e => e.Type == "delta") > 3, "one event per token");
        Assert.Equal(expected, string.Concat(events.Where(e => e.Type == "delta").Select(e => e.Data)));
        Assert.Equal("done", events[^1].Type);
        Assert.Contains("tokens", events[^1].Data);
        Assert.True(_factory.Emulator.Requests[^1].IsStreaming);
    }

    [Fact]
    public async Task AskStream_ModelFailsMidStream_EndsWithAnErrorEvent()
    {
        _factory.Emulator.When(_ => true, EmulatorResponse.Generated().WithConnectionCut(afterChunks: 3));
        using var client = _factory.CreateClient();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/ask/stream") { Content = JsonContent.Create(new { question = "Where is my order?" }) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var events = await ReadEventsAsync(response);

        Assert.Equal("error", events[^1].Type);
        Assert.DoesNotContain(events, e => e.Type == "done");
    }

    private static async Task<List<(string Type, string Data)>> ReadEventsAsync(HttpResponseMessage response)
    {
        var events = new List<(string, string)>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        string? type = null;
        var data = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    events.Add((type ?? "message", string.Join('\n', data)));
                }

                type = null;
                data.Clear();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                type = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                var value = line["data:".Length..];
                data.Add(value.StartsWith(' ') ? value[1..] : value);
            }
        }

        return events;
    }
}
