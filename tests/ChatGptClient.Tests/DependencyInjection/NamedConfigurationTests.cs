using System.Net;
using ChatGpt.Chat;
using ChatGpt.DependencyInjection;
using ChatGpt.Tests.Diagnostics;
using ChatGpt.Tests.TestSupport;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;
using ChatMessage = ChatGpt.Chat.ChatMessage;

namespace ChatGpt.Tests.DependencyInjection;

/// <summary>Several configurations side by side: a second default registration fails, named ones each keep their own settings.</summary>
public sealed class NamedConfigurationTests
{
    private const string OpenAiKey = "sk-openai-key-0123456789";
    private const string OllamaUrl = "http://localhost:11434/v1/";

    [Fact]
    public async Task AddChatGpt_CalledTwiceForTheDefault_FailsAtHostStartInsteadOfLeakingTheKey()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddChatGpt(o => o.ApiKey = OpenAiKey);
        builder.Services.AddChatGpt(o => o.BaseAddress = new Uri(OllamaUrl));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("AddChatGpt was called 2 times for the default ChatGpt configuration", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddChatGpt(\"drafts\"", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(OpenAiKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddChatGpt_CalledTwiceForTheDefault_NoClientCanBeCreated()
    {
        var services = new ServiceCollection();
        services.AddChatGpt(o => o.ApiKey = OpenAiKey);
        services.AddChatGpt(o => o.BaseAddress = new Uri(OllamaUrl));
        using var provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(provider.GetRequiredService<IChatGptClient>);
    }

    [Fact]
    public void AddChatGpt_SameNameTwice_FailsWithTheName()
    {
        var services = new ServiceCollection();
        services.AddChatGpt("drafts", o => o.BaseAddress = new Uri(OllamaUrl));
        services.AddChatGpt("drafts", o => o.ApiKey = OpenAiKey);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredKeyedService<IChatGptClient>("drafts"));

        Assert.Contains("the ChatGpt configuration 'drafts'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddChatGpt_DefaultAndNamed_EachSendsItsOwnKeyToItsOwnServer()
    {
        var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Post, "https://api.example.test/v1/chat/completions").WithHeaders("Authorization", "Bearer " + OpenAiKey).Respond("application/json", Bodies.ChatCompletion);
        mock.Expect(HttpMethod.Post, OllamaUrl + "chat/completions").With(r => r.Headers.Authorization is null).Respond("application/json", Bodies.ChatCompletion);
        var services = new ServiceCollection();
        services.AddChatGpt(o => { o.ApiKey = OpenAiKey; o.BaseAddress = new Uri(TestClients.BaseUrl); }).ConfigurePrimaryHttpMessageHandler(() => mock);
        services.AddChatGpt("drafts", o => { o.BaseAddress = new Uri(OllamaUrl); o.DefaultModel = "llama3.2"; }).ConfigurePrimaryHttpMessageHandler(() => mock);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IChatGptClient>().CreateChatCompletionAsync(Request());
        await provider.GetRequiredKeyedService<IChatGptClient>("drafts").CreateChatCompletionAsync(Request());

        mock.VerifyNoOutstandingExpectation();
        Assert.Equal("llama3.2", provider.GetRequiredService<IOptionsMonitor<ChatGptOptions>>().Get("drafts").DefaultModel);
        Assert.Equal(ChatGptDefaults.ChatModel, provider.GetRequiredService<IOptions<ChatGptOptions>>().Value.DefaultModel);
    }

    [Fact]
    public async Task AddChatGpt_TwoNamed_FactoryKeyedServiceAndKeyedChatClientReachTheirServer()
    {
        var seen = new List<string>();
        var mock = new MockHttpMessageHandler();
        mock.When("*").With(r => { lock (seen) { seen.Add(r.RequestUri!.Host + " " + r.Headers.Authorization?.Parameter); } return true; }).Respond("application/json", Bodies.ChatCompletion);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChatGpt:Production:ApiKey"] = "sk-production",
            ["ChatGpt:Production:BaseAddress"] = "https://production.example.test/v1",
        }).Build();
        var services = new ServiceCollection();
        services.AddChatGpt("production", configuration.GetSection("ChatGpt:Production")).ConfigurePrimaryHttpMessageHandler(() => mock);
        services.AddChatGpt("partner", configuration.GetSection("ChatGpt:Production"), o => { o.ApiKey = "sk-partner"; o.BaseAddress = new Uri("https://partner.example.test/v1"); })
            .ConfigurePrimaryHttpMessageHandler(() => mock);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IChatGptClientFactory>().CreateClient("production").CreateChatCompletionAsync(Request());
        await provider.GetRequiredKeyedService<IChatGptClient>("partner").CreateChatCompletionAsync(Request());
        await provider.GetRequiredKeyedService<IChatClient>("partner").GetResponseAsync("Hi");
        await provider.GetRequiredKeyedService<ChatGptClient>("production").CreateChatCompletionAsync(Request());

        Assert.Equal(["production.example.test sk-production", "partner.example.test sk-partner", "partner.example.test sk-partner", "production.example.test sk-production"], seen);
        Assert.Null(provider.GetService<IChatGptClient>());
        Assert.Equal(new Uri("https://partner.example.test/v1/"), provider.GetRequiredKeyedService<IChatClient>("partner").GetService<ChatClientMetadata>()!.ProviderUri);
    }

    [Fact]
    public void CreateClient_UnknownName_SaysWhichNameAndHowToRegisterIt()
    {
        var services = new ServiceCollection();
        services.AddChatGpt("drafts", o => o.BaseAddress = new Uri(OllamaUrl));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IChatGptClientFactory>().CreateClient("draft"));

        Assert.Contains("'draft'", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddChatGpt(\"draft\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddChatGpt_NamedRemoteWithoutKey_FailsAtHostStart()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddChatGpt("partner", o => o.BaseAddress = new Uri("https://partner.example.test/v1"));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("partner", error.OptionsName);
        Assert.Contains("ApiKey is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddChatGpt_Named_OwnPipeline()
    {
        var attempts = new Dictionary<string, int>();
        var handler = new StatusHandler(host => { lock (attempts) { attempts[host] = attempts.GetValueOrDefault(host) + 1; } });
        var services = new ServiceCollection();
        services.AddChatGpt("patient", o => { o.ApiKey = "sk-a"; o.BaseAddress = new Uri("https://patient.test.invalid/v1/"); o.Resilience.MaxRetries = 2; o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1); })
            .ConfigurePrimaryHttpMessageHandler(() => handler);
        services.AddChatGpt("hasty", o => { o.ApiKey = "sk-b"; o.BaseAddress = new Uri("https://hasty.test.invalid/v1/"); o.Resilience.MaxRetries = 0; })
            .ConfigurePrimaryHttpMessageHandler(() => handler);
        await using var provider = services.BuildServiceProvider();

        await Assert.ThrowsAsync<ChatGptException>(() => provider.GetRequiredKeyedService<IChatGptClient>("patient").CreateChatCompletionAsync(Request()));
        await Assert.ThrowsAsync<ChatGptException>(() => provider.GetRequiredKeyedService<IChatGptClient>("hasty").CreateChatCompletionAsync(Request()));

        Assert.Equal(3, attempts["patient.test.invalid"]);
        Assert.Equal(1, attempts["hasty.test.invalid"]);
    }

    [Fact]
    public async Task AddChatGpt_Named_SpansNameTheirOwnServer()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", Bodies.ChatCompletion);
        var services = new ServiceCollection();
        services.AddChatGpt(o => { o.ApiKey = OpenAiKey; o.BaseAddress = new Uri(TestClients.BaseUrl); }).ConfigurePrimaryHttpMessageHandler(() => mock);
        services.AddChatGpt("drafts", o => o.BaseAddress = new Uri("http://127.0.0.1:11434/v1/")).ConfigurePrimaryHttpMessageHandler(() => mock);
        await using var provider = services.BuildServiceProvider();
        using var recorder = new ActivityRecorder();

        await provider.GetRequiredService<IChatGptClient>().CreateChatCompletionAsync(Request());
        await provider.GetRequiredKeyedService<IChatGptClient>("drafts").CreateChatCompletionAsync(Request());

        Assert.Equal(["api.example.test", "127.0.0.1"], recorder.Stopped.Select(a => a.GetTagItem("server.address") as string));
        Assert.Equal(11434, recorder.Stopped[1].GetTagItem("server.port"));
    }

    private static ChatCompletionRequest Request() => new() { Model = "gpt-4o-mini", Messages = [ChatMessage.User("Hi")] };

    private sealed class StatusHandler(Action<string> onSend) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            onSend(request.RequestUri!.Host);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("""{"error":{"message":"busy","type":"server_error"}}""") });
        }
    }
}
