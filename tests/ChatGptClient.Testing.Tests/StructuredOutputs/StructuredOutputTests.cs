using System.Text.Json;
using System.Text.Json.Nodes;
using ChatGpt.Testing.Tests.Infrastructure;

namespace ChatGpt.Testing.Tests.StructuredOutputs;

/// <summary>Strict structured outputs through the wire, as an SDK sends them: the answer of a <c>json_schema</c>
/// response format and the arguments of a strict tool call validate against the schema given, streamed or not.</summary>
public class StructuredOutputTests
{
    public static TheoryData<string, bool> ObjectSchemas()
    {
        var data = new TheoryData<string, bool>();
        foreach (var (name, schema) in SchemaCorpus.Schemas)
        {
            // Both a response format and function parameters must have an object at the root.
            if (JsonNode.Parse(schema)!["type"]?.GetValue<string>() == "object")
            {
                data.Add(name, false);
                data.Add(name, true);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ObjectSchemas))]
    public async Task JsonSchemaResponseFormat_Strict_AnswerValidates(string schemaName, bool stream)
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);
        var schema = SchemaCorpus.Schemas[schemaName];
        var body = new JsonObject
        {
            ["model"] = "gpt-4o-mini",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Rate Paris 1990 out of 5 😀" }),
            ["response_format"] = new JsonObject
            {
                ["type"] = "json_schema",
                ["json_schema"] = new JsonObject { ["name"] = "answer", ["strict"] = true, ["schema"] = JsonNode.Parse(schema) },
            },
            ["stream"] = stream,
        };

        using var response = await host.Client.SendAsync(Api.Post("chat/completions", body), HttpCompletionOption.ResponseHeadersRead);

        var content = stream ? await StreamedTextAsync(response, d => d.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null)
            : (await response.ReadJsonAsync()).GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        SchemaValidator.AssertValid(schema, content, schemaName);
    }

    [Theory]
    [MemberData(nameof(ObjectSchemas))]
    public async Task StrictToolCall_ArgumentsValidate(string schemaName, bool stream)
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);
        var schema = SchemaCorpus.Schemas[schemaName];
        var body = new JsonObject
        {
            ["model"] = "gpt-4o-mini",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Please record this for Paris, 1990 of them 😀" }),
            ["tools"] = new JsonArray(new JsonObject
            {
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = "record", ["strict"] = true, ["parameters"] = JsonNode.Parse(schema) },
            }),
            ["tool_choice"] = "required",
            ["stream"] = stream,
        };

        using var response = await host.Client.SendAsync(Api.Post("chat/completions", body), HttpCompletionOption.ResponseHeadersRead);

        var arguments = stream ? await StreamedTextAsync(response, ArgumentsDelta)
            : (await response.ReadJsonAsync()).GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString()!;
        SchemaValidator.AssertValid(schema, arguments, schemaName);
    }

    private static string? ArgumentsDelta(JsonElement delta) =>
        delta.TryGetProperty("tool_calls", out var calls) ? calls[0].GetProperty("function").GetProperty("arguments").GetString() : null;

    private static async Task<string> StreamedTextAsync(HttpResponseMessage response, Func<JsonElement, string?> piece)
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var text = new System.Text.StringBuilder();
        foreach (var data in await response.ReadEventsAsync())
        {
            if (data == "[DONE]")
            {
                break;
            }

            using var chunk = JsonDocument.Parse(data);
            text.Append(piece(chunk.RootElement.GetProperty("choices")[0].GetProperty("delta")));
        }

        return text.ToString();
    }
}
