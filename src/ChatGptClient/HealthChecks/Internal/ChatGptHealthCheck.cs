using System.Net;
using ChatGpt.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatGpt.HealthChecks.Internal;

/// <summary>
/// Lists the models of one configuration: the cheapest authenticated call there is, so it proves the server answers
/// and accepts the key (or token) without spending tokens.
/// </summary>
internal sealed class ChatGptHealthCheck(IChatGptClientFactory factory, string name, TimeSpan timeout, TimeProvider timeProvider) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var configuration = name.Length == 0 ? "default" : name;
        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            var models = await factory.CreateClient(name).ListModelsAsync(linked.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"ChatGpt configuration '{configuration}' answered with {models.Count} models.");
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"ChatGpt configuration '{configuration}' did not answer within {timeout.TotalSeconds:0.#} s.");
        }
        catch (ChatGptException ex) when (ex.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return HealthCheckResult.Unhealthy($"ChatGpt configuration '{configuration}' was refused: check the API key or credential (HTTP {(int)ex.StatusCode}).", ex);
        }
        catch (ChatGptException ex) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"ChatGpt configuration '{configuration}' did not answer within {timeout.TotalSeconds:0.#} s.", ex);
        }
        catch (ChatGptException ex)
        {
            return HealthCheckResult.Unhealthy($"ChatGpt configuration '{configuration}' is unreachable: {ex.Message}", ex);
        }
    }
}
