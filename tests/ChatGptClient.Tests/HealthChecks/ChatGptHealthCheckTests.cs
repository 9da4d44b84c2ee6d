using System.Net;
using ChatGpt.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace ChatGpt.Tests.HealthChecks;

/// <summary>The health check lists the models of each configuration, with a timeout.</summary>
public sealed class ChatGptHealthCheckTests
{
    [Fact]
    public async Task AddHealthCheck_ServerAnswers_HealthyAndCallsTheModelsEndpoint()
    {
        var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, TestClients.BaseUrl + "models").WithHeaders("Authorization", "Bearer " + TestClients.ApiKey).Respond("application/json", Bodies.Models);
        var services = new ServiceCollection();
        services.AddChatGpt(o => { o.ApiKey = TestClients.ApiKey; o.BaseAddress = new Uri(TestClients.BaseUrl); }).AddHealthCheck().ConfigurePrimaryHttpMessageHandler(() => mock);
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Equal("chatgpt", Assert.Single(report.Entries).Key);
        mock.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task AddHealthChecksAddChatGpt_PerNamedConfiguration_ReportsEachOnItsOwn()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("https://good.example.test/v1/models").Respond("application/json", Bodies.Models);
        mock.When("https://refusing.example.test/v1/models").Respond(HttpStatusCode.Unauthorized, "application/json", """{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}""");
        var services = new ServiceCollection();
        services.AddChatGpt("good", o => { o.ApiKey = "sk-good"; o.BaseAddress = new Uri("https://good.example.test/v1/"); }).ConfigurePrimaryHttpMessageHandler(() => mock);
        services.AddChatGpt("refusing", o => { o.ApiKey = "sk-bad"; o.BaseAddress = new Uri("https://refusing.example.test/v1/"); }).ConfigurePrimaryHttpMessageHandler(() => mock);
        services.AddHealthChecks().AddChatGpt("good").AddChatGpt("refusing");
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, report.Entries["chatgpt:good"].Status);
        var refused = report.Entries["chatgpt:refusing"];
        Assert.Equal(HealthStatus.Unhealthy, refused.Status);
        Assert.Contains("refused: check the API key", refused.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-bad", refused.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddHealthCheck_ServerNeverAnswers_UnhealthyAfterTheTimeout()
    {
        var time = new FakeTimeProvider();
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddChatGpt(o => { o.ApiKey = TestClients.ApiKey; o.BaseAddress = new Uri(TestClients.BaseUrl); })
            .AddHealthCheck(timeout: TimeSpan.FromSeconds(2))
            .ConfigurePrimaryHttpMessageHandler(() => new HangingHandler(reached));
        await using var provider = services.BuildServiceProvider();

        var check = provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        await reached.Task;
        time.Advance(TimeSpan.FromSeconds(2));
        var report = await check;

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Contains("did not answer within 2 s", report.Entries["chatgpt"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void AddHealthCheck_OnAnotherHttpClient_SaysWhereToCallIt()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<ArgumentException>(() => services.AddHttpClient("other").AddHealthCheck());

        Assert.Contains("builder AddChatGpt returns", error.Message, StringComparison.Ordinal);
    }

    private sealed class HangingHandler(TaskCompletionSource reached) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            reached.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
