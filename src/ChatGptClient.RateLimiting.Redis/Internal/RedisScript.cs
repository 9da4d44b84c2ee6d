using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace ChatGpt.RateLimiting.Redis.Internal;

/// <summary>A server-side script run by its SHA-1 (<c>EVALSHA</c>, a few dozen bytes per call instead of the whole
/// text), sent whole with <c>EVAL</c> only when the server does not know it yet (first use, or after a restart).</summary>
internal sealed class RedisScript
{
    public RedisScript(string text)
    {
        Text = text;
        Hash = SHA1.HashData(Encoding.UTF8.GetBytes(text));
    }

    public string Text { get; }

    public byte[] Hash { get; }

    public async Task<RedisResult> EvaluateAsync(IDatabaseAsync database, RedisKey[] keys, RedisValue[] values)
    {
        try
        {
            return await database.ScriptEvaluateAsync(Hash, keys, values).ConfigureAwait(false);
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            // EVAL runs it and leaves it in the server's script cache for the next EVALSHA.
            return await database.ScriptEvaluateAsync(Text, keys, values).ConfigureAwait(false);
        }
    }
}
