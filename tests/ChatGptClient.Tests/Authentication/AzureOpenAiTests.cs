using Azure.Core;
using ChatGpt.Azure;
using ChatGpt.Azure.Internal;
using ChatGpt.Chat;
using ChatGpt.DependencyInjection;
using ChatGpt.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace ChatGpt.Tests.Authentication;

/// <summary>Azure OpenAI: the api-key header, both URL forms, and Microsoft Entra ID tokens cached and refreshed.</summary>
public sealed class AzureOpenAiTests
{
    private const string Resource = "https://my-resource.openai.azure.com/";

    [Fact]
    public async Task ApiKeyHeader_DeploymentUrlWithApiVersion_SendsTheAzureForm()
    {
        var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Post, Resource + "openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21")
            .With(r => r.Headers.Authorization is null && r.Headers.GetValues("api-key").Single() == "azure-key")
            .Respond("application/json", Bodies.ChatCompletion);
        mock.Expect(HttpMethod.Get, Resource + "openai/deployments/gpt-4o/models?api-version=2024-10-21").Respond("application/json", Bodies.Models);
        var services = new ServiceCollection();
        services.AddChatGpt("azure", o =>
        {
            o.BaseAddress = new Uri(Resource + "openai/deployments/gpt-4o");
            o.ApiKey = "azure-key";
            o.ApiKeyHeaderName = "api-key";
            o.ApiVersion = "2024-10-21";
        }).ConfigurePrimaryHttpMessageHandler(() => mock);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredKeyedService<IChatGptClient>("azure");

        await client.CreateChatCompletionAsync(Request());
        await client.ListModelsAsync();

        mock.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task ApiKeyHeader_V1Url_NoApiVersion()
    {
        var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Post, Resource + "openai/v1/chat/completions").With(r => r.RequestUri!.Query.Length == 0 && r.Headers.GetValues("api-key").Single() == "azure-key")
            .Respond("application/json", Bodies.ChatCompletion);
        var services = new ServiceCollection();
        services.AddChatGpt(o => { o.BaseAddress = new Uri(Resource + "openai/v1/"); o.ApiKey = "azure-key"; o.ApiKeyHeaderName = "api-key"; })
            .ConfigurePrimaryHttpMessageHandler(() => mock);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IChatGptClient>().CreateChatCompletionAsync(Request());

        mock.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task EntraCredential_NoKeyNeeded_TokenCachedAndRefreshedBeforeExpiryAndNeverLogged()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var credential = new CountingCredential(time, lifetime: TimeSpan.FromHours(1));
        var seen = new List<string?>();
        var mock = new MockHttpMessageHandler();
        mock.When("*").With(r => { seen.Add(r.Headers.Authorization?.ToString()); return true; }).Respond("application/json", Bodies.ChatCompletion);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddFakeLogging().SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddChatGpt("azure", o =>
        {
            o.BaseAddress = new Uri(Resource + "openai/v1/");
            o.UseTokenProvider(new TokenCredentialProvider(credential, ChatGptAzureOptionsExtensions.DefaultScope, time));
        }).ConfigurePrimaryHttpMessageHandler(() => mock);
        using var host = builder.Build();
        await host.StartAsync(); // Validation passes without an API key.
        var client = host.Services.GetRequiredService<IChatGptClientFactory>().CreateClient("azure");

        await client.CreateChatCompletionAsync(Request());
        time.Advance(TimeSpan.FromMinutes(54)); // 6 minutes left: still cached.
        await client.CreateChatCompletionAsync(Request());
        time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1)); // Inside the 5-minute margin: refreshed.
        await client.CreateChatCompletionAsync(Request());

        Assert.Equal(["Bearer token-1", "Bearer token-1", "Bearer token-2"], seen);
        Assert.Equal([ChatGptAzureOptionsExtensions.DefaultScope], credential.Scopes.Distinct());
        var logs = host.Services.GetFakeLogCollector().GetSnapshot();
        Assert.DoesNotContain(logs, r => r.Message.Contains("token-", StringComparison.Ordinal) || r.StructuredState!.Any(p => p.Value?.Contains("token-", StringComparison.Ordinal) == true));
        await host.StopAsync();
    }

    [Fact]
    public async Task TokenProvider_RefreshFailsWhileTheTokenIsValid_KeepsTheTokenAndRetriesLater()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var credential = new CountingCredential(time, lifetime: TimeSpan.FromHours(1));
        var provider = new TokenCredentialProvider(credential, "scope", time);

        Assert.Equal("token-1", await provider.GetTokenAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(56));
        credential.Fail = true;
        Assert.Equal("token-1", await provider.GetTokenAsync(CancellationToken.None));
        credential.Fail = false;
        Assert.Equal("token-3", await provider.GetTokenAsync(CancellationToken.None));
        Assert.DoesNotContain("token", provider.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenProvider_CredentialFails_ChatGptExceptionNamingTheCause()
    {
        var time = new FakeTimeProvider();
        var credential = new CountingCredential(time, TimeSpan.FromHours(1)) { Fail = true };
        var services = new ServiceCollection();
        services.AddChatGpt("azure", o => o.BaseAddress = new Uri(Resource + "openai/v1/"))
            .ConfigurePrimaryHttpMessageHandler(() => new MockHttpMessageHandler());
        services.Configure<ChatGptOptions>("azure", o => o.UseAzureCredential(credential));
        await using var provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<ChatGptException>(() => provider.GetRequiredKeyedService<IChatGptClient>("azure").CreateChatCompletionAsync(Request()));

        Assert.Contains("Getting a token for my-resource.openai.azure.com failed: identity endpoint unreachable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenAiBaseUrl_DefaultConfigurationWithoutAddress_TakesIt_NamedOrExplicitDoNot()
    {
        var environment = new Dictionary<string, string?> { ["OPENAI_BASE_URL"] = "http://localhost:8000/v1", ["OPENAI_API_KEY"] = "sk-env" };
        var unset = new ChatGptOptions();
        var explicitAddress = new ChatGptOptions { BaseAddress = new Uri("https://api.example.test/v1/") };
        var named = new ChatGptOptions();

        ChatGpt.DependencyInjection.ChatGptOptionsSetup.ApplyDefaults(string.Empty, unset, environment.GetValueOrDefault);
        ChatGpt.DependencyInjection.ChatGptOptionsSetup.ApplyDefaults(string.Empty, explicitAddress, environment.GetValueOrDefault);
        ChatGpt.DependencyInjection.ChatGptOptionsSetup.ApplyDefaults("drafts", named, environment.GetValueOrDefault);

        Assert.Equal(new Uri("http://localhost:8000/v1/"), unset.BaseAddress);
        Assert.Equal("sk-env", unset.ApiKey);
        Assert.Equal(new Uri("https://api.example.test/v1/"), explicitAddress.BaseAddress);
        Assert.Equal(new Uri(ChatGptDefaults.BaseAddress), named.BaseAddress);
        Assert.Null(named.ApiKey);
    }

    private static ChatCompletionRequest Request() => new() { Model = "gpt-4o", Messages = [ChatMessage.User("Hi")] };

    private sealed class CountingCredential(TimeProvider time, TimeSpan lifetime) : TokenCredential
    {
        private int _issued;

        public bool Fail { get; set; }

        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            var number = Interlocked.Increment(ref _issued);
            Scopes.AddRange(requestContext.Scopes);
            if (Fail)
            {
                throw new InvalidOperationException("identity endpoint unreachable");
            }

            return ValueTask.FromResult(new AccessToken("token-" + number, time.GetUtcNow() + lifetime));
        }
    }
}
