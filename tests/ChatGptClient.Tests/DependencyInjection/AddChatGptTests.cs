using ChatGpt.Chat;
using ChatGpt.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace ChatGpt.Tests.DependencyInjection;

public sealed class AddChatGptTests
{
    [Fact]
    public async Task AddChatGpt_ConfigureInCode_ResolvesAWorkingClient()
    {
        var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Post, "https://api.example.test/v1/chat/completions").WithHeaders("Authorization", "Bearer " + TestClients.ApiKey).Respond("application/json", Bodies.ChatCompletion);
        var services = new ServiceCollection();
        services.AddChatGpt(o => { o.ApiKey = TestClients.ApiKey; o.BaseAddress = new Uri("https://api.example.test/v1"); })
            .ConfigurePrimaryHttpMessageHandler(() => mock);
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IChatGptClient>();
        var completion = await client.CreateChatCompletionAsync(new ChatCompletionRequest { Messages = [ChatMessage.User("Hi")] });

        Assert.IsType<ChatGptClient>(client);
        Assert.NotNull(provider.GetRequiredService<ChatGptClient>());
        Assert.Equal("Hello! How can I assist you today?", completion.Content);
        mock.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public void AddChatGpt_Registered_HttpClientHasInfiniteTimeoutAndTheBaseAddress()
    {
        var services = new ServiceCollection();
        services.AddChatGpt(o => { o.ApiKey = TestClients.ApiKey; o.BaseAddress = new Uri("https://example.test/openai/v1"); });
        using var provider = services.BuildServiceProvider();

        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(ChatGptClient.HttpClientName);

        Assert.Equal(Timeout.InfiniteTimeSpan, http.Timeout);
        Assert.Equal(new Uri("https://example.test/openai/v1/"), http.BaseAddress);
    }

    [Fact]
    public void AddChatGpt_Configuration_BindsEveryOption()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChatGpt:ApiKey"] = TestClients.ApiKey,
            ["ChatGpt:BaseAddress"] = "http://localhost:11434/v1/",
            ["ChatGpt:Organization"] = "org-1",
            ["ChatGpt:Project"] = "proj-1",
            ["ChatGpt:DefaultModel"] = "llama3.2",
            ["ChatGpt:Timeout"] = "00:02:00",
            ["ChatGpt:LogContent"] = "true",
            ["ChatGpt:Resilience:StreamIdleTimeout"] = "00:00:30",
        }).Build();
        var services = new ServiceCollection();
        services.AddChatGpt(configuration.GetSection("ChatGpt"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ChatGptOptions>>().Value;

        Assert.Equal(TestClients.ApiKey, options.ApiKey);
        Assert.Equal(new Uri("http://localhost:11434/v1/"), options.BaseAddress);
        Assert.Equal("org-1", options.Organization);
        Assert.Equal("proj-1", options.Project);
        Assert.Equal("llama3.2", options.DefaultModel);
        Assert.Equal(TimeSpan.FromMinutes(2), options.Timeout);
        Assert.True(options.LogContent);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Resilience.StreamIdleTimeout);
    }

    [Fact]
    public void AddChatGpt_ConfigurationWithTypo_FailsInsteadOfIgnoringIt()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ApiKey"] = TestClients.ApiKey,
            ["DefaultModle"] = "gpt-4o",
        }).Build();
        var services = new ServiceCollection();
        services.AddChatGpt(configuration);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IOptions<ChatGptOptions>>().Value);

        Assert.Contains("DefaultModle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddChatGpt_RemoteServerWithoutKey_FailsAtHostStart()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ChatGptOptions.ApiKeyEnvironmentVariable)))
        {
            return; // The machine has a key: this case cannot be observed here.
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddChatGpt();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ApiKey is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("OPENAI_API_KEY", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:11434/v1/")]
    [InlineData("http://127.0.0.1:1234/v1")]
    [InlineData("http://[::1]:8000/v1/")]
    public async Task AddChatGpt_LoopbackServerWithoutKey_StartsAndSendsNoAuthorization(string baseAddress)
    {
        var mock = new MockHttpMessageHandler();
        HttpRequestMessage? seen = null;
        mock.When("*").With(r => { seen = r; return true; }).Respond("application/json", Bodies.Models);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddChatGpt(o => { o.BaseAddress = new Uri(baseAddress); o.ApiKey = null; }).ConfigurePrimaryHttpMessageHandler(() => mock);
        using var host = builder.Build();
        await host.StartAsync();

        var models = await host.Services.GetRequiredService<IChatGptClient>().ListModelsAsync();

        Assert.Equal(2, models.Count);
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ChatGptOptions.ApiKeyEnvironmentVariable)))
        {
            Assert.Null(seen!.Headers.Authorization);
        }

        await host.StopAsync();
    }

    [Theory]
    [InlineData("ftp://example.com/v1/", "absolute http or https")]
    [InlineData("https://api.openai.com/v1/", "Timeout must be positive")]
    public async Task AddChatGpt_InvalidOptions_FailAtHostStartWithAClearMessage(string baseAddress, string expected)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddChatGpt(o => { o.ApiKey = TestClients.ApiKey; o.BaseAddress = new Uri(baseAddress); o.Timeout = expected.Contains("Timeout", StringComparison.Ordinal) ? TimeSpan.Zero : o.Timeout; });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChatGptOptions_ToString_NeverShowsTheKey()
    {
        var options = new ChatGptOptions { ApiKey = TestClients.ApiKey, Organization = "org-1" };

        var text = options.ToString();

        Assert.DoesNotContain(TestClients.ApiKey, text, StringComparison.Ordinal);
        Assert.Contains("***", text, StringComparison.Ordinal);
        Assert.Contains("org-1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ChatGptOptions_Defaults_ArePinned()
    {
        var options = new ChatGptOptions();

        Assert.Equal(new Uri("https://api.openai.com/v1/"), options.BaseAddress);
        Assert.Equal("gpt-4o-mini", options.DefaultModel);
        Assert.Equal("gpt-3.5-turbo-instruct", options.DefaultCompletionModel);
        Assert.Equal(TimeSpan.FromMinutes(10), options.Timeout);
        Assert.False(options.LogContent);
        Assert.True(options.Resilience.Enabled);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Resilience.StreamIdleTimeout);
        Assert.Equal(64L * 1024 * 1024, options.MaxResponseBytes);
        Assert.Equal(16 * 1024 * 1024, options.MaxStreamEventBytes);
        Assert.Equal(TimeSpan.FromMinutes(2), options.ResponseBodyIdleTimeout);
        Assert.False(options.AllowApiKeyOverHttp);
    }
}
