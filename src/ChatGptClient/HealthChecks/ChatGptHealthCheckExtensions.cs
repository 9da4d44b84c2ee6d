using ChatGpt;
using ChatGpt.DependencyInjection;
using ChatGpt.DependencyInjection.Internal;
using ChatGpt.HealthChecks.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Health checks of ChatGpt configurations: each lists the models, proving the server answers and accepts the credentials.</summary>
public static class ChatGptHealthCheckExtensions
{
    /// <summary>How long a check waits for the server by default.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Adds a health check of the default configuration (<paramref name="name"/> <see langword="null"/>) or of a named
    /// one: it lists the models (no tokens spent), and is unhealthy when the server refuses the credentials, fails or
    /// does not answer within <paramref name="timeout"/>.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The configuration's name; <see langword="null"/> for the default configuration.</param>
    /// <param name="timeout">How long to wait; <see cref="DefaultTimeout"/> when <see langword="null"/>.</param>
    /// <param name="failureStatus">The status reported on failure; <see cref="HealthStatus.Unhealthy"/> when <see langword="null"/>.</param>
    /// <param name="tags">Tags to filter checks by (e.g. <c>"ready"</c>).</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHealthChecksBuilder AddChatGpt(this IHealthChecksBuilder builder, string? name = null, TimeSpan? timeout = null, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = name ?? string.Empty;
        var wait = timeout ?? DefaultTimeout;
        if (wait <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be positive.");
        }

        builder.Services.TryAddChatGptFactory();
        return builder.Add(new HealthCheckRegistration(
            configuration.Length == 0 ? "chatgpt" : "chatgpt:" + configuration,
            sp => new ChatGptHealthCheck(sp.GetRequiredService<IChatGptClientFactory>(), configuration, wait, sp.GetService<TimeProvider>() ?? TimeProvider.System),
            failureStatus,
            tags));
    }

    /// <summary>Adds a health check of the configuration whose builder <c>AddChatGpt</c> returned (see
    /// <see cref="AddChatGpt(IHealthChecksBuilder, string?, TimeSpan?, HealthStatus?, IEnumerable{string}?)"/>).</summary>
    /// <param name="builder">The builder returned by <c>AddChatGpt()</c> or <c>AddChatGpt(name, ...)</c>.</param>
    /// <param name="timeout">How long to wait; <see cref="DefaultTimeout"/> when <see langword="null"/>.</param>
    /// <param name="tags">Tags to filter checks by.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <exception cref="ArgumentException">The builder is not one that <c>AddChatGpt</c> returned.</exception>
    public static IHttpClientBuilder AddHealthCheck(this IHttpClientBuilder builder, TimeSpan? timeout = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var name = ChatGptRegistrationMarker.ConfigurationName(builder.Name)
            ?? throw new ArgumentException($"AddHealthCheck checks a ChatGpt configuration: call it on the builder AddChatGpt returns, not on '{builder.Name}'.", nameof(builder));
        builder.Services.AddHealthChecks().AddChatGpt(name, timeout, tags: tags);
        return builder;
    }

    private static void TryAddChatGptFactory(this IServiceCollection services) =>
        services.TryAddSingleton<IChatGptClientFactory, ChatGptClientFactory>();
}
