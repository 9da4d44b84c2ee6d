using ChatGpt.RateLimiting.Redis;
using ChatGpt.RateLimiting.Redis.Internal;
using ChatGpt.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using System.Diagnostics.Metrics;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Shares the client-side rate budgets of every replica of a service through Redis: register it on the builder that
/// <c>AddChatGpt()</c> returns.
/// </summary>
/// <remarks>
/// <para>The request and token buckets, the limits learned from the API's headers, the remaining budget, token
/// corrections, a 429's pause and the cold-start probe live in Redis (or Valkey, Garnet, a managed Redis) and are
/// updated atomically by server-side scripts, one round trip per acquisition. Each process keeps its own bounded,
/// first-in first-out queue of waiting calls.</para>
/// <para>Redis is never a reason for a call to fail: when it is unreachable, slower than
/// <see cref="ChatGptRedisRateLimitingOptions.OperationTimeout"/> or restarting, the process paces its calls with its
/// local limiter (seeded with the last shared state), logs one warning, and rejoins when Redis answers again.</para>
/// <para>The store replaces the process's rate budget store, so every ChatGpt client of the container shares through it.</para>
/// </remarks>
public static class ChatGptRedisRateLimitingHttpClientBuilderExtensions
{
    /// <summary>Shares the rate budgets through the Redis at <paramref name="connectionString"/>, on a connection the store
    /// opens (in the background) and owns.</summary>
    /// <param name="builder">The builder <c>AddChatGpt()</c> returned.</param>
    /// <param name="connectionString">A StackExchange.Redis configuration string, e.g. <c>localhost:6379</c>; never logged.</param>
    /// <param name="configure">Adjusts the other options.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IHttpClientBuilder AddRedisRateLimiting(this IHttpClientBuilder builder, string connectionString, Action<ChatGptRedisRateLimitingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = builder.Services.AddOptions<ChatGptRedisRateLimitingOptions>().Configure(o => o.ConnectionString = connectionString);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return AddCore(builder);
    }

    /// <summary>Shares the rate budgets through the <see cref="IConnectionMultiplexer"/> registered in the container (the
    /// application's own connection, which the store does not dispose), unless <paramref name="configure"/> sets
    /// <see cref="ChatGptRedisRateLimitingOptions.ConnectionString"/>.</summary>
    /// <param name="builder">The builder <c>AddChatGpt()</c> returned.</param>
    /// <param name="configure">Adjusts the options.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IHttpClientBuilder AddRedisRateLimiting(this IHttpClientBuilder builder, Action<ChatGptRedisRateLimitingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<ChatGptRedisRateLimitingOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return AddCore(builder);
    }

    /// <summary>Shares the rate budgets with options bound from configuration (e.g. the <c>ChatGpt:Redis</c> section:
    /// <c>ConnectionString</c>, <c>KeyPrefix</c>, <c>OperationTimeout</c>, ...). Unknown keys fail the binding. Without a
    /// <c>ConnectionString</c>, the container's <see cref="IConnectionMultiplexer"/> is used.</summary>
    /// <param name="builder">The builder <c>AddChatGpt()</c> returned.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IHttpClientBuilder AddRedisRateLimiting(this IHttpClientBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<ChatGptRedisRateLimitingOptions>().Bind(configuration, static binder => binder.ErrorOnUnknownConfiguration = true);
        return AddCore(builder);
    }

    private static IHttpClientBuilder AddCore(IHttpClientBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ChatGptRedisRateLimitingOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatGptRedisRateLimitingOptions>, ChatGptRedisRateLimitingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatGptRedisRateLimitingOptions>, RedisConnectionValidator>());
        services.TryAddSingleton(static provider =>
        {
            var options = provider.GetRequiredService<IOptions<ChatGptRedisRateLimitingOptions>>().Value;
            var connection = options.ConnectionString is { } configuration
                ? new RedisConnection(configuration)
                : new RedisConnection(provider.GetRequiredService<IConnectionMultiplexer>());
            return new RedisRateBudgetStore(
                connection,
                options,
                provider.GetService<TimeProvider>(),
                provider.GetService<ILoggerFactory>(),
                provider.GetService<IMeterFactory>());
        });

        // Replaces the in-process store that AddChatGpt registered (with TryAdd), whichever call came first.
        services.RemoveAll<IChatGptRateBudgetStore>();
        services.AddSingleton<IChatGptRateBudgetStore>(static provider => provider.GetRequiredService<RedisRateBudgetStore>());
        return builder;
    }
}
