using ChatGpt.Resilience;
using ChatGpt.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatGpt.Tests.Security;

/// <summary>Issue 13: a password in the base address is never shown; an API key never crosses the network in clear text unasked.</summary>
public sealed class BaseAddressTests
{
    private const string Password = "hunter2-Pa55word";

    [Fact]
    public void UserInfo_InOptions_RejectedWithoutShowingThePassword()
    {
        var error = Assert.Throws<OptionsValidationException>(() => SecurityTestClients.Direct(new Uri($"https://user:{Password}@api.example.test/v1/")));

        Assert.Contains("must not contain user info", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UserInfo_InTheHttpClientsAddress_Rejected()
    {
        var options = new ChatGptOptions { ApiKey = TestClients.ApiKey };
        var httpClient = new HttpClient { BaseAddress = new Uri($"https://user:{Password}@api.example.test/v1/") };

        var error = Assert.Throws<OptionsValidationException>(() => new ChatGptClient(httpClient, Options.Create(options)));

        Assert.Contains("HttpClient.BaseAddress", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UserInfo_ThroughAddChatGpt_FailsValidateOnStartWithoutThePassword()
    {
        using var provider = SecurityTestClients.WithDependencyInjection(new Uri($"https://user:{Password}@api.example.test/v1/"));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChatGptOptions>>().Value);

        Assert.DoesNotContain(Password, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UserInfo_OptionsToStringAndRateLimitKey_Redacted()
    {
        var options = new ChatGptOptions { ApiKey = TestClients.ApiKey, BaseAddress = new Uri($"https://user:{Password}@api.example.test/v1/") };

        var text = options.ToString();
        var key = ChatGptRateLimitKey.From(options).ToString();

        Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        Assert.Contains("***@api.example.test", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, key, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, key, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("http://api.example.test/v1/")]
    [InlineData("http://10.0.0.5:8000/v1/")]
    public void ApiKeyOverHttp_RemoteServer_RefusedAtStartUp(string address)
    {
        var error = Assert.Throws<OptionsValidationException>(() => SecurityTestClients.Direct(new Uri(address)));

        Assert.Contains("clear text", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ChatGptOptions.AllowApiKeyOverHttp), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.ApiKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ApiKeyOverHttp_ExplicitOptIn_Accepted() =>
        SecurityTestClients.Direct(new Uri("http://api.example.test/v1/"), o => o.AllowApiKeyOverHttp = true);

    [Theory]
    [InlineData("http://127.0.0.1:8080/v1/")]
    [InlineData("http://localhost:11434/v1/")]
    [InlineData("http://[::1]:1234/v1/")]
    [InlineData("https://api.example.test/v1/")]
    public void ApiKeyOverHttp_LoopbackOrHttps_Accepted(string address) =>
        SecurityTestClients.Direct(new Uri(address));

    [Fact]
    public void ApiKeyOverHttp_HttpClientsAddress_SameRule()
    {
        var options = new ChatGptOptions { ApiKey = TestClients.ApiKey };
        var httpClient = new HttpClient { BaseAddress = new Uri("http://api.example.test/v1/") };

        Assert.Throws<OptionsValidationException>(() => new ChatGptClient(httpClient, Options.Create(options)));
    }
}
