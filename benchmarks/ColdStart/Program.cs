// Cold start of one process: from process start to the first answer, through AddChatGpt (DI, IHttpClientFactory, the
// resilience pipeline, JSON metadata) or through the official OpenAI SDK, against a loopback emulator.
//   ColdStart serve                   the emulator on 127.0.0.1 (prints its address; run once, in the background)
//   ColdStart chatgpt <base-url>      one call through services.AddChatGpt()
//   ColdStart chatgpt-nowarm <url>    the same with the start-up warm-up switched off (ChatGpt.DisableStartupWarmUp)
//   ColdStart openai <base-url>       one call through OpenAI.Chat.ChatClient
// Each call mode prints "first-answer-ms=<ms since process start> stages=<...>".
using System.ClientModel;
using System.Diagnostics;
using ChatGpt;
using ChatGpt.Chat;
using ChatGpt.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

var mode = args.ElementAtOrDefault(0) ?? "chatgpt";
var start = Process.GetCurrentProcess().StartTime.ToUniversalTime();
var stages = new List<string>();
void Stage(string name) => stages.Add($"{name}:{(DateTime.UtcNow - start).TotalMilliseconds:0}");

switch (mode)
{
    case "serve":
        await using (var server = await ChatGptEmulatorServer.StartNewAsync(new ChatGptEmulator()))
        {
            Console.WriteLine($"listening {server.BaseAddress}");
            await Task.Delay(Timeout.Infinite);
        }

        return 0;

    case "chatgpt":
    case "chatgpt-nowarm":
    {
        if (mode == "chatgpt-nowarm")
        {
            // Before/after of the start-up warm-up, in the same run.
            AppContext.SetSwitch("ChatGpt.DisableStartupWarmUp", true);
        }

        Stage("main");
        var services = new ServiceCollection();
        services.AddChatGpt(o => { o.BaseAddress = new Uri(args[1]); o.ApiKey = "sk-cold-start"; });
        using var provider = services.BuildServiceProvider();
        Stage("container");
        if (Environment.GetEnvironmentVariable("COLD_START_DETAIL") == "1")
        {
            // Where the resolution goes: options (binding, validation), the HTTP handler chain (pipeline, limiter).
            _ = provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<ChatGptOptions>>().Get(string.Empty);
            Stage("options");
            _ = provider.GetRequiredService<IHttpClientFactory>().CreateClient(ChatGptClient.HttpClientName);
            Stage("httpclient");
        }

        var client = provider.GetRequiredService<IChatGptClient>();
        Stage("client");
        var answer = await client.CreateChatCompletionAsync(new ChatCompletionRequest { Model = "gpt-4o-mini", Messages = [ChatGpt.Chat.ChatMessage.User("Hello")] });
        Stage("answer");
        Report(answer.Content);
        return 0;
    }

    case "openai":
    {
        Stage("main");
        var client = new OpenAI.Chat.ChatClient("gpt-4o-mini", new ApiKeyCredential("sk-cold-start"), new OpenAIClientOptions { Endpoint = new Uri(args[1]) });
        Stage("client");
        var answer = await client.CompleteChatAsync([new OpenAI.Chat.UserChatMessage("Hello")]);
        Stage("answer");
        Report(answer.Value.Content[0].Text);
        return 0;
    }

    default:
        Console.Error.WriteLine("modes: serve | chatgpt <base-url> | chatgpt-nowarm <base-url> | openai <base-url>");
        return 2;
}

void Report(string? answer)
{
    var elapsed = (DateTime.UtcNow - start).TotalMilliseconds;
    Console.WriteLine($"first-answer-ms={elapsed:0} stages={string.Join(',', stages)} answer-chars={answer?.Length ?? 0}");
}
