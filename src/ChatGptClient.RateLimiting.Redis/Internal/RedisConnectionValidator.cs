using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatGpt.RateLimiting.Redis.Internal;

/// <summary>At start-up, checks that the store has a Redis to talk to: a connection string, or an
/// <see cref="IConnectionMultiplexer"/> in the container (looked up, not resolved, so nothing connects here).</summary>
internal sealed class RedisConnectionValidator(IServiceProviderIsService services) : IValidateOptions<ChatGptRedisRateLimitingOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatGptRedisRateLimitingOptions options) =>
        options.ConnectionString is not null || services.IsService(typeof(IConnectionMultiplexer))
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("AddRedisRateLimiting() needs a Redis: pass a connection string, set ChatGptRedisRateLimitingOptions.ConnectionString, or register an IConnectionMultiplexer in the container.");
}
