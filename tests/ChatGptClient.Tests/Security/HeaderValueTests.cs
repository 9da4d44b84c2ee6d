using ChatGpt.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatGpt.Tests.Security;

/// <summary>Issue 13: a value written into a header can neither inject headers nor be retried as a network failure.</summary>
public sealed class HeaderValueTests
{
    public static TheoryData<string, string> BadValues => new()
    {
        { "Organization", "org-1\r\nX-Injected: 1" },
        { "Organization", "org-1\nGET /v1/models HTTP/1.1" },
        { "Project", "proj-\u00e9t\u00e9" },
        { "Project", "proj-1\u0000" },
        { "ApiKey", "sk-caf\u00e9-0123456789" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void StartUp_BadHeaderValue_RejectedWithoutQuotingIt(string option, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => SecurityTestClients.Direct(new Uri("https://api.example.test/v1/"), o => Set(o, option, value)));

        Assert.Contains($"ChatGptOptions.{option}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StartUp_BadHeaderValueThroughAddChatGpt_FailsValidateOnStart()
    {
        using var provider = SecurityTestClients.WithDependencyInjection(new Uri("https://api.example.test/v1/"), o => o.Project = "proj\r\nX-Injected: 1");

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChatGptOptions>>().Value);
        Assert.Contains("line break", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallTime_ValueChangedAfterStartUp_ChatGptExceptionAndNothingSent()
    {
        await using var server = LoopbackHttpServer.Answering(LoopbackHttpServer.Response("200 OK", "application/json", Bodies.ChatCompletion));
        var options = new ChatGptOptions { ApiKey = TestClients.ApiKey, BaseAddress = server.BaseAddress };
        var client = new ChatGptClient(new HttpClient(), Options.Create(options));
        options.Organization = "org-1\r\nX-Injected: 1";

        var error = await Assert.ThrowsAsync<ChatGptException>(() => client.CreateChatCompletionAsync(SecurityTestClients.Hello()));

        Assert.Contains("ChatGptOptions.Organization", error.Message, StringComparison.Ordinal);
        Assert.IsType<ArgumentException>(error.InnerException);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task CallTime_ValueChangedAfterStartUpWithRetries_NeverRetried()
    {
        await using var server = LoopbackHttpServer.Answering(LoopbackHttpServer.Response("200 OK", "application/json", Bodies.ChatCompletion));
        using var provider = SecurityTestClients.WithDependencyInjection(server.BaseAddress);
        var client = provider.GetRequiredService<IChatGptClient>();
        provider.GetRequiredService<IOptionsMonitor<ChatGptOptions>>().CurrentValue.Project = "proj-\u00e9";

        await Assert.ThrowsAsync<ChatGptException>(() => client.CreateChatCompletionAsync(SecurityTestClients.Hello()));

        Assert.Equal(0, server.Requests);
    }

    private static void Set(ChatGptOptions options, string option, string value)
    {
        switch (option)
        {
            case "Organization":
                options.Organization = value;
                break;
            case "Project":
                options.Project = value;
                break;
            default:
                options.ApiKey = value;
                break;
        }
    }
}
