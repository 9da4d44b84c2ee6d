using System.Net;
using ChatGpt.Testing.Tests.Infrastructure;

namespace ChatGpt.Testing.Tests;

/// <summary>Requests the API would reject get the API's 400/401/404 answers.</summary>
public class ValidationTests
{
    private const string Messages = """[{"role":"user","content":"Hi"}]""";

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}]}""", "model", null)]
    [InlineData("""{"model":42,"messages":[{"role":"user","content":"Hi"}]}""", "model", "invalid_type")]
    [InlineData("""{"model":"m"}""", "messages", "missing_required_parameter")]
    [InlineData("""{"model":"m","messages":[]}""", "messages", "empty_array")]
    [InlineData("""{"model":"m","messages":"Hi"}""", "messages", "invalid_type")]
    [InlineData("""{"model":"m","messages":[{"content":"Hi"}]}""", "messages[0].role", "missing_required_parameter")]
    [InlineData("""{"model":"m","messages":[{"role":"bot","content":"Hi"}]}""", "messages[0].role", "invalid_value")]
    [InlineData("""{"model":"m","messages":[{"role":"user"}]}""", "messages[0].content", "missing_required_parameter")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":42}]}""", "messages[0].content", "invalid_type")]
    [InlineData("""{"model":"m","messages":[{"role":"tool","content":"x"}]}""", "messages[0].tool_call_id", "missing_required_parameter")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"Hi"}],"temperature":5}""", "temperature", "decimal_above_max_value")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"Hi"}],"temperature":-0.5}""", "temperature", "decimal_below_min_value")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"Hi"}],"temperature":"hot"}""", "temperature", "invalid_type")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"Hi"}],"top_p":1.5}""", "top_p", "decimal_above_max_value")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"Hi"}],"n":0}""", "n", "integer_below_min_value")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"Hi"}],"n":1.5}""", "n", "invalid_type")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"Hi"}],"stop":["a","b","c","d","e"]}""", "stop", "array_above_max_length")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"Hi"}],"stop":7}""", "stop", "invalid_type")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"Hi"}],"presence_penalty":2.5}""", "presence_penalty", "decimal_above_max_value")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"Hi"}],"frequency_penalty":-3}""", "frequency_penalty", "decimal_below_min_value")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"Hi"}],"max_tokens":0}""", "max_tokens", "integer_below_min_value")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"Hi"}],"stream":"yes"}""", "stream", "invalid_type")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"Hi"}],"stream_options":{"include_usage":true}}""", "stream_options", "invalid_value")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"Hi"}],"top_logprobs":3}""", "top_logprobs", "invalid_value")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"Hi"}],"logprobs":true,"top_logprobs":21}""", "top_logprobs", "integer_above_max_value")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"Hi"}],"tools":[{"type":"function","function":{}}]}""", "tools[0].function.name", "missing_required_parameter")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"Hi"}],"tool_choice":"auto"}""", "tool_choice", null)]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"Hi"}],"response_format":{"type":"xml"}}""", "response_format.type", "invalid_value")]
    public async Task Chat_InvalidRequest_Answers400WithParamAndCode(string body, string param, string? code)
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);

        using var response = await host.Client.PostAsync("chat/completions", body);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", param, code);
    }

    [Theory]
    [InlineData("""{"prompt":"x"}""", "model", null)]
    [InlineData("""{"model":"m","prompt":"x","logprobs":6}""", "logprobs", "integer_above_max_value")]
    [InlineData("""{"model":"m","prompt":"x","n":3,"best_of":2}""", "best_of", "invalid_value")]
    [InlineData("""{"model":"m","prompt":[]}""", "prompt", "empty_array")]
    [InlineData("""{"model":"m","prompt":{"text":"x"}}""", "prompt", "invalid_type")]
    [InlineData("""{"model":"m","prompt":"x","temperature":2.1}""", "temperature", "decimal_above_max_value")]
    [InlineData("""{"model":"m","prompt":"x","stop":["1","2","3","4","5"]}""", "stop", "array_above_max_length")]
    public async Task Completion_InvalidRequest_Answers400WithParamAndCode(string body, string param, string? code)
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);

        using var response = await host.Client.PostAsync("completions", body);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", param, code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"model\":")]
    [InlineData("[1,2]")]
    public async Task Chat_BodyNotAJsonObject_Answers400(string body)
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);

        using var response = await host.Client.PostAsync("chat/completions", body);

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", null, null);
        Assert.StartsWith("We could not parse the JSON body of your request.", error);
    }

    [Fact]
    public async Task Chat_UnknownParameter_Answers400UnlessAllowed()
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);
        var body = $$"""{"model":"m","messages":{{Messages}},"temprature":1}""";

        using var rejected = await host.Client.PostAsync("chat/completions", body);
        host.Emulator.AllowUnknownParameters = true;
        using var accepted = await host.Client.PostAsync("chat/completions", body);

        var message = await AssertErrorAsync(rejected, HttpStatusCode.BadRequest, "invalid_request_error", null, null);
        Assert.Equal("Unrecognized request argument supplied: temprature", message);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Theory]
    [InlineData(EmulatorHosting.InMemory)]
    [InlineData(EmulatorHosting.Kestrel)]
    public async Task Request_RequireApiKeyWithoutKey_Answers401(EmulatorHosting hosting)
    {
        await using var host = await HostedEmulator.StartAsync(hosting, new ChatGptEmulator { RequireApiKey = true });

        using var missing = await host.Client.GetAsync("models");
        using var request = new HttpRequestMessage(HttpMethod.Get, "models");
        request.Headers.Authorization = new("Bearer", "sk-anything");
        using var present = await host.Client.SendAsync(request);

        var message = await AssertErrorAsync(missing, HttpStatusCode.Unauthorized, "invalid_request_error", null, null);
        Assert.StartsWith("You didn't provide an API key.", message);
        Assert.Equal(HttpStatusCode.OK, present.StatusCode);
    }

    [Fact]
    public async Task Request_WrongApiKey_Answers401WithoutEchoingTheKey()
    {
        const string wrongKey = "sk-test-wrong-key-0123456789abcdef";
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory, new ChatGptEmulator { ApiKey = "sk-test-right-key" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "models");
        request.Headers.Authorization = new("Bearer", wrongKey);

        using var response = await host.Client.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_request_error", null, "invalid_api_key");
        Assert.DoesNotContain(wrongKey, body);
        Assert.DoesNotContain(wrongKey, host.Emulator.Requests[0].Headers["Authorization"]);
    }

    [Theory]
    [InlineData("GET", "chat/completion")]
    [InlineData("POST", "models")]
    [InlineData("DELETE", "chat/completions")]
    [InlineData("POST", "embeddings")]
    public async Task Request_UnknownRoute_Answers404InvalidUrl(string method, string path)
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory);

        using var response = await host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        var message = await AssertErrorAsync(response, HttpStatusCode.NotFound, "invalid_request_error", null, null);
        Assert.Equal($"Invalid URL ({method} /v1/{path})", message);
    }

    [Fact]
    public async Task Chat_UnknownModelWhenRejected_Answers404ModelNotFound()
    {
        await using var host = await HostedEmulator.StartAsync(EmulatorHosting.InMemory, new ChatGptEmulator { RejectUnknownModels = true });

        using var unknown = await host.Client.PostAsync("chat/completions", $$"""{"model":"gpt-9","messages":{{Messages}}}""");
        using var known = await host.Client.PostAsync("chat/completions", $$"""{"model":"gpt-4o","messages":{{Messages}}}""");

        await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "invalid_request_error", null, "model_not_found");
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
    }

    private static async Task<string> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string type, string? param, string? code)
    {
        Assert.Equal(status, response.StatusCode);
        var json = await response.ReadJsonAsync();
        SpecSchemas.AssertValid(SpecSchemas.Error, json);
        var error = json.GetProperty("error");
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        return error.GetProperty("message").GetString()!;
    }
}
