using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatGpt.RateLimiting.Redis.Internal;

/// <summary>Checks <see cref="ChatGptRedisRateLimitingOptions"/> at start-up, so a typo in the connection string or a
/// zero timeout is named before the first call.</summary>
internal sealed class ChatGptRedisRateLimitingOptionsValidator : IValidateOptions<ChatGptRedisRateLimitingOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatGptRedisRateLimitingOptions options)
    {
        List<string>? failures = null;
        void Fail(string message) => (failures ??= []).Add(message);

        if (options.ConnectionString is { } connection)
        {
            try
            {
                ConfigurationOptions.Parse(connection);
            }
            catch (ArgumentException)
            {
                // The message of the parser may quote the string, password included: say only which option is wrong.
                Fail("ChatGptRedisRateLimitingOptions.ConnectionString is not a valid StackExchange.Redis configuration string.");
            }
        }

        if (string.IsNullOrEmpty(options.KeyPrefix))
        {
            Fail("ChatGptRedisRateLimitingOptions.KeyPrefix must not be empty.");
        }

        if (options.OperationTimeout <= TimeSpan.Zero || options.OperationTimeout > TimeSpan.FromSeconds(10))
        {
            Fail($"ChatGptRedisRateLimitingOptions.OperationTimeout must be between 0 and 10 seconds; it is {options.OperationTimeout}.");
        }

        if (options.RetryInterval <= TimeSpan.Zero)
        {
            Fail($"ChatGptRedisRateLimitingOptions.RetryInterval must be positive; it is {options.RetryInterval}.");
        }

        if (options.KeyExpiry < TimeSpan.FromSeconds(1))
        {
            Fail($"ChatGptRedisRateLimitingOptions.KeyExpiry must be at least 1 second; it is {options.KeyExpiry}.");
        }

        if (options.ProbePollInterval <= TimeSpan.Zero)
        {
            Fail($"ChatGptRedisRateLimitingOptions.ProbePollInterval must be positive; it is {options.ProbePollInterval}.");
        }

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
