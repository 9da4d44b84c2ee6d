using System.Net;
using ChatGpt.Internal;
using ChatGpt.Resilience;
using ChatGpt.Resilience.Internal;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ChatGpt.Tests.Resilience;

/// <summary>Budgets per model (issue 19): which budget a call is charged to, and that models do not pace each other.</summary>
public class ModelBudgetTests
{
    [Theory]
    [InlineData("gpt-4o-mini", "gpt-4o-mini")]
    [InlineData("gpt-4o-mini-2024-07-18", "gpt-4o-mini")]
    [InlineData("GPT-4o-2024-08-06", "gpt-4o")]
    [InlineData("gpt-4-0613", "gpt-4")]
    [InlineData("o3-mini", "o3-mini")]
    [InlineData(null, ModelBudgetGroup.NoModel)]
    public void Resolve_DatedSnapshot_SharesItsAliasBudget(string? model, string expected)
    {
        Assert.Equal(expected, ModelBudgetGroup.Resolve(model, new ChatGptResilienceOptions(), new Uri("https://api.openai.com/v1/")));
    }

    [Fact]
    public void Resolve_UserMapping_PutsModelsIntoOneGroup()
    {
        var options = new ChatGptResilienceOptions();
        options.ModelBudgetGroups["llama3.1:8b"] = "local-gpu";
        options.ModelBudgetGroups["gpt-4o-mini"] = "small";

        Assert.Equal("local-gpu", ModelBudgetGroup.Resolve("llama3.1:8b", options, null));
        Assert.Equal("small", ModelBudgetGroup.Resolve("gpt-4o-mini-2024-07-18", options, null));
    }

    [Fact]
    public void Resolve_AzureDeployment_TheDeploymentIsTheBudget()
    {
        var address = new Uri("https://contoso.openai.azure.com/openai/deployments/Chat-Prod/");

        Assert.Equal("chat-prod", ModelBudgetGroup.Resolve("gpt-4o", new ChatGptResilienceOptions(), address));
    }

    [Fact]
    public async Task CreateChatCompletion_OneModelSpent_OtherModelNotHeld()
    {
        // The large model's budget is spent (remaining 0 of 60 a minute); the small one has plenty. A shared budget would
        // hold the small model's call for a second, and with a 500 ms timeout refuse it.
        using var host = new ResilienceTestHost(
            (_, request) => ModelOf(request) == "gpt-4o"
                ? ResilienceTestHost.Json(HttpStatusCode.OK, ResilienceTestHost.SuccessJson, ("x-ratelimit-limit-requests", "60"), ("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-reset-requests", "1s"))
                : ResilienceTestHost.Json(HttpStatusCode.OK, ResilienceTestHost.SuccessJson, ("x-ratelimit-limit-requests", "30000"), ("x-ratelimit-remaining-requests", "29999"), ("x-ratelimit-reset-requests", "2ms")),
            o => o.Timeout = TimeSpan.FromMilliseconds(500));

        await host.Client.CreateChatCompletionAsync(Request("gpt-4o"));
        await Assert.ThrowsAsync<ChatGptRateLimitRejectedException>(() => host.Client.CreateChatCompletionAsync(Request("gpt-4o")));
        await host.Client.CreateChatCompletionAsync(Request("gpt-4o-mini"));
        await host.Client.CreateChatCompletionAsync(Request("gpt-4o-mini-2024-07-18"));

        Assert.Equal(3, host.Attempts.Count);
        Assert.Equal(60, host.Budget("gpt-4o").RequestLimit);
        Assert.Equal(30_000, host.Budget("gpt-4o-mini").RequestLimit);
    }

    [Fact]
    public async Task CreateChatCompletion_LearnedPerModel_InResponseInfoAndMetrics()
    {
        using var host = new ResilienceTestHost(
            (_, request) => ResilienceTestHost.Json(HttpStatusCode.OK, ResilienceTestHost.SuccessJson,
                ("x-ratelimit-limit-requests", ModelOf(request) == "o3" ? "50" : "5000"), ("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-reset-requests", "1s")),
            o => o.Timeout = TimeSpan.FromMilliseconds(500),
            new Uri("https://metrics.test.invalid/v1/"));
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        using var rejections = new MetricCollector<long>(meters, ChatGpt.Diagnostics.ChatGptDiagnostics.MeterName, ChatGpt.Diagnostics.ChatGptDiagnostics.RateLimiterRejectionsMetricName);
        using var limits = new MetricCollector<long>(meters, ChatGpt.Diagnostics.ChatGptDiagnostics.MeterName, ChatGpt.Diagnostics.ChatGptDiagnostics.RateLimiterRequestLimitMetricName);

        var o3 = await host.Client.CreateChatCompletionAsync(Request("o3"));
        var mini = await host.Client.CreateChatCompletionAsync(Request("gpt-4o-mini"));
        await Assert.ThrowsAsync<ChatGptRateLimitRejectedException>(() => host.Client.CreateChatCompletionAsync(Request("o3-2025-04-16")));

        Assert.Equal(50, o3.ResponseInfo!.RateBudget!.RequestLimit);
        Assert.Equal("o3", o3.ResponseInfo.RateBudget.ModelGroup);
        Assert.True(o3.ResponseInfo.RateBudget.IsLearned);
        Assert.Equal(5_000, mini.ResponseInfo!.RateBudget!.RequestLimit);

        var account = new ChatGptRateBudgetKey(ChatGptRateLimitKey.From(new ChatGptOptions { ApiKey = ResilienceTestHost.ApiKey, BaseAddress = new Uri("https://metrics.test.invalid/v1/") }), "o3").AccountId;
        limits.RecordObservableInstruments();
        var learned = limits.GetMeasurementSnapshot().Where(m => (string?)m.Tags["chatgpt.rate_budget.account"] == account).ToDictionary(m => (string)m.Tags["chatgpt.rate_budget.model_group"]!, m => m.Value);
        Assert.Equal(50, learned["o3"]);
        Assert.Equal(5_000, learned["gpt-4o-mini"]);
        Assert.Contains(rejections.GetMeasurementSnapshot(), m => m.Value == 1 && (string?)m.Tags["chatgpt.rate_limiter.reason"] == "deadline" && (string?)m.Tags["chatgpt.rate_budget.model_group"] == "o3");
    }

    [Fact]
    public async Task CreateChatCompletion_ConfiguredPerModel_AppliesToThatModelOnly()
    {
        using var host = new ResilienceTestHost((_, _) => ResilienceTestHost.Success(), o =>
        {
            o.Timeout = TimeSpan.FromSeconds(5);
            o.Resilience.ModelRateLimits["gpt-4o"] = new ChatGptModelRateLimit { RequestsPerMinute = 1 };
        });

        await host.Client.CreateChatCompletionAsync(Request("gpt-4o"));
        await Assert.ThrowsAsync<ChatGptRateLimitRejectedException>(() => host.Client.CreateChatCompletionAsync(Request("gpt-4o-2024-08-06")));
        await host.Client.CreateChatCompletionAsync(Request("gpt-4o-mini"));

        Assert.Equal(2, host.Attempts.Count);
    }

    [Fact]
    public async Task CreateChatCompletion_HtmlPageWithRateLimitHeaders_NotLearned()
    {
        using var host = new ResilienceTestHost((attempt, _) =>
        {
            if (attempt > 0)
            {
                return ResilienceTestHost.Success();
            }

            var page = new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>proxy</html>", System.Text.Encoding.UTF8, "text/html") };
            page.Headers.TryAddWithoutValidation("x-ratelimit-limit-tokens", "1");
            page.Headers.TryAddWithoutValidation("x-ratelimit-remaining-tokens", "0");
            return page;
        });

        await host.ChatAsync();

        Assert.Null(host.Budget().TokenLimit);
    }

    private static ChatGpt.Chat.ChatCompletionRequest Request(string model)
    {
        var request = ResilienceTestHost.Request();
        request.Model = model;
        return request;
    }

    private static string? ModelOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(ChatGptRequestContext.OptionsKey, out var context) ? context.Model : null;
}
