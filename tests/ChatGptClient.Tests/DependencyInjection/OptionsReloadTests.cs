using ChatGpt.Chat;
using ChatGpt.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using RichardSzalay.MockHttp;

namespace ChatGpt.Tests.DependencyInjection;

/// <summary>Configuration edited while running: valid changes apply to new calls, invalid ones are logged and ignored.</summary>
public sealed class OptionsReloadTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("secondary")]
    public async Task Reload_RotatedKeyAndNewAddress_UsedByTheNextCall(string? name)
    {
        var (configuration, provider, seen) = Build(name);
        await using var _ = provider;
        await Client(provider, name).CreateChatCompletionAsync(Request());

        configuration["ChatGpt:ApiKey"] = "sk-rotated";
        configuration["ChatGpt:BaseAddress"] = "https://moved.example.test/v1";
        ReloadIgnoringMonitorErrors(configuration);
        await Client(provider, name).CreateChatCompletionAsync(Request());

        Assert.Equal(["api.example.test sk-first", "moved.example.test sk-rotated"], seen);
        var logs = provider.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(logs, r => r.Id.Id == 4001 && r.Level == LogLevel.Information);
        Assert.DoesNotContain(logs, r => r.Message.Contains("sk-rotated", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("secondary")]
    public async Task Reload_InvalidChange_RejectedAndLoggedAndTheLastValidOptionsKeepServing(string? name)
    {
        var (configuration, provider, seen) = Build(name);
        await using var _ = provider;
        await Client(provider, name).CreateChatCompletionAsync(Request());

        // A remote address without a key would fail validation at start-up; after start-up it must not take calls down.
        configuration["ChatGpt:ApiKey"] = null;
        configuration["ChatGpt:BaseAddress"] = "https://moved.example.test/v1";
        ReloadIgnoringMonitorErrors(configuration);
        await Client(provider, name).CreateChatCompletionAsync(Request());
        await Client(provider, name).CreateChatCompletionAsync(Request());

        Assert.Equal(["api.example.test sk-first", "api.example.test sk-first", "api.example.test sk-first"], seen);
        var rejected = Assert.Single(provider.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id == 4002);
        Assert.Equal(LogLevel.Error, rejected.Level);
        Assert.Contains("ApiKey is required", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_TypoInAKey_RejectedAndTheLastValidOptionsKeepServing()
    {
        var (configuration, provider, seen) = Build(null);
        await using var _ = provider;
        await Client(provider, null).CreateChatCompletionAsync(Request());

        configuration["ChatGpt:DefaultModle"] = "gpt-4o";
        ReloadIgnoringMonitorErrors(configuration);
        await Client(provider, null).CreateChatCompletionAsync(Request());

        Assert.Equal(["api.example.test sk-first", "api.example.test sk-first"], seen);
        Assert.Contains(provider.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id == 4002 && r.Message.Contains("DefaultModle", StringComparison.Ordinal));
    }

    private static (IConfigurationRoot Configuration, ServiceProvider Provider, List<string> Seen) Build(string? name)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChatGpt:ApiKey"] = "sk-first",
            ["ChatGpt:BaseAddress"] = TestClients.BaseUrl,
        }).Build();
        var seen = new List<string>();
        var mock = new MockHttpMessageHandler();
        mock.When("*").With(r => { lock (seen) { seen.Add(r.RequestUri!.Host + " " + r.Headers.Authorization?.Parameter); } return true; }).Respond("application/json", Bodies.ChatCompletion);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddFakeLogging());
        var section = configuration.GetSection("ChatGpt");
        (name is null ? services.AddChatGpt(section) : services.AddChatGpt(name, section)).ConfigurePrimaryHttpMessageHandler(() => mock);
        var provider = services.BuildServiceProvider();
        return (configuration, provider, seen);
    }

    private static IChatGptClient Client(IServiceProvider provider, string? name) =>
        name is null ? provider.GetRequiredService<IChatGptClient>() : provider.GetRequiredKeyedService<IChatGptClient>(name);

    // IOptionsMonitor itself recomputes the options inside the reload callback and throws there when they are invalid
    // (Microsoft.Extensions.Options' behaviour, whoever reloads); the clients must keep working regardless.
    private static void ReloadIgnoringMonitorErrors(IConfigurationRoot configuration)
    {
        try
        {
            configuration.Reload();
        }
        catch (AggregateException)
        {
        }
    }

    private static ChatCompletionRequest Request() => new() { Model = "gpt-4o-mini", Messages = [ChatMessage.User("Hi")] };
}
