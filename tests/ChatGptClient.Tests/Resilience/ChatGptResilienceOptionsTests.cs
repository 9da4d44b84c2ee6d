using ChatGpt.Resilience;
using ChatGpt.Resilience.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatGpt.Tests.Resilience;

public class ChatGptResilienceOptionsTests
{
    [Fact]
    public void Ctor_Defaults_Pinned()
    {
        var options = new ChatGptResilienceOptions();

        Assert.True(options.Enabled);
        Assert.Equal(3, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(0.5), options.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(60), options.MaxDelay);
        Assert.True(options.UseJitter);
        Assert.Equal(TimeSpan.FromMinutes(5), options.AttemptTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), options.StreamIdleTimeout);
        Assert.Null(options.RequestsPerMinute);
        Assert.Null(options.TokensPerMinute);
        Assert.Equal(1000, options.QueueLimit);
        Assert.True(options.AdaptiveRateLimiting);
        Assert.Equal(1.25, options.BurstGrowthPerSecond);
        Assert.Empty(options.ModelRateLimits);
        Assert.Empty(options.ModelBudgetGroups);
        Assert.Equal(TimeSpan.FromMinutes(1), ChatGptRateBudgetPolicy.DefaultLearnedLifetime);
        Assert.Equal(TimeSpan.FromSeconds(30), ChatGptRateBudgetPolicy.DefaultProbeTimeout);
        Assert.Equal(1.25, ChatGptRateBudgetPolicy.DefaultBurstGrowthPerSecond);
        Assert.Equal(TimeSpan.FromMinutes(10), new ChatGptOptions().Timeout);
    }

    [Fact]
    public void BurstGrowthPerSecond_ReachesTheBudgetsPolicy()
    {
        var settings = new ResiliencePipelineSettings
        {
            Options = new ChatGptResilienceOptions { BurstGrowthPerSecond = 3 },
            TotalTimeout = TimeSpan.FromMinutes(1),
            TimeProvider = TimeProvider.System,
            Logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
            Account = ChatGptRateLimitKey.From(new ChatGptOptions { ApiKey = "sk-growth-" + Guid.NewGuid().ToString("N") }),
        };
        var strategy = new RateLimitStrategy(settings, new ChatGptInProcessRateBudgetStore(TimeProvider.System));

        Assert.Equal(3, strategy.QueueFor("gpt-4o-mini").Policy.BurstGrowthPerSecond);
    }

    [Fact]
    public void AddChatGpt_Configuration_BindsModelBudgets()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChatGpt:ApiKey"] = "sk-test",
            ["ChatGpt:Resilience:ModelRateLimits:gpt-4o:RequestsPerMinute"] = "500",
            ["ChatGpt:Resilience:ModelRateLimits:gpt-4o:TokensPerMinute"] = "30000",
            ["ChatGpt:Resilience:ModelBudgetGroups:llama3.1-8b"] = "local-gpu",
        }).Build();
        var services = new ServiceCollection();
        services.AddChatGpt(configuration.GetSection("ChatGpt"));
        using var provider = services.BuildServiceProvider();

        var resilience = provider.GetRequiredService<IOptions<ChatGptOptions>>().Value.Resilience;

        Assert.Equal(500, resilience.ModelRateLimits["GPT-4o"].RequestsPerMinute);
        Assert.Equal(30_000, resilience.ModelRateLimits["gpt-4o"].TokensPerMinute);
        Assert.Equal("local-gpu", resilience.ModelBudgetGroups["llama3.1-8b"]);
    }

    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new ChatGptResilienceOptionsValidator().Validate(null, new ChatGptOptions()).Succeeded);

    public static TheoryData<Action<ChatGptResilienceOptions>, string> InvalidSettings => new()
    {
        { o => o.MaxRetries = -1, "MaxRetries" },
        { o => o.MaxRetries = 11, "MaxRetries" },
        { o => o.BaseDelay = TimeSpan.Zero, "BaseDelay" },
        { o => o.MaxDelay = TimeSpan.FromSeconds(-1), "MaxDelay" },
        { o => o.BaseDelay = TimeSpan.FromMinutes(2), "BaseDelay" },
        { o => o.AttemptTimeout = TimeSpan.Zero, "AttemptTimeout" },
        { o => o.StreamIdleTimeout = TimeSpan.FromSeconds(-3), "StreamIdleTimeout" },
        { o => o.RequestsPerMinute = 0, "RequestsPerMinute" },
        { o => o.TokensPerMinute = -5, "TokensPerMinute" },
        { o => o.QueueLimit = -1, "QueueLimit" },
        { o => o.BurstGrowthPerSecond = 0.5, "BurstGrowthPerSecond" },
        { o => o.BurstGrowthPerSecond = double.NaN, "BurstGrowthPerSecond" },
        { o => o.BurstGrowthPerSecond = 1_001, "BurstGrowthPerSecond" },
        { o => o.ModelRateLimits["gpt-4o"] = new ChatGptModelRateLimit { RequestsPerMinute = 0 }, "ModelRateLimits[gpt-4o]" },
        { o => o.ModelBudgetGroups["gpt-4o"] = " ", "ModelBudgetGroups[gpt-4o]" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Validate_InvalidSetting_FailsNamingIt(Action<ChatGptResilienceOptions> change, string property)
    {
        var options = new ChatGptOptions();
        change(options.Resilience);

        var result = new ChatGptResilienceOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(property, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InfiniteTimeouts_Succeed()
    {
        var options = new ChatGptOptions();
        options.Resilience.AttemptTimeout = Timeout.InfiniteTimeSpan;
        options.Resilience.StreamIdleTimeout = Timeout.InfiniteTimeSpan;

        Assert.True(new ChatGptResilienceOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void AddChatGpt_InvalidResilienceOptions_FailOnStart()
    {
        var services = new ServiceCollection();
        services.AddChatGpt(o =>
        {
            o.ApiKey = "sk-test";
            o.Resilience.MaxRetries = 99;
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChatGptOptions>>().Value);
        Assert.Contains("MaxRetries", error.Message, StringComparison.Ordinal);
    }
}
