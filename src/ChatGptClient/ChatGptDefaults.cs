namespace ChatGpt;

/// <summary>The defaults of <see cref="ChatGptOptions"/>, in one place so tests can pin them.</summary>
internal static class ChatGptDefaults
{
    public const string BaseAddress = "https://api.openai.com/v1/";
    public const string ChatModel = "gpt-4o-mini";
    public const string CompletionModel = "gpt-3.5-turbo-instruct";
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>64 MiB: far above a real answer (a long completion with log probabilities of every token is a few MB).</summary>
    public const long MaxResponseBytes = 64L * 1024 * 1024;

    /// <summary>16 MiB: far above a real event (a chunk is a few hundred bytes; an audio or image delta a few hundred KB).</summary>
    public const int MaxStreamEventBytes = 16 * 1024 * 1024;

    /// <summary>2 minutes: once the headers of a non-streamed answer are in, its body follows at once; a silence this long is a stall.</summary>
    public static readonly TimeSpan ResponseBodyIdleTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The longest finite timeout a timer accepts (about 49.7 days).</summary>
    public static readonly TimeSpan LongestTimeout = TimeSpan.FromMilliseconds(uint.MaxValue - 1);
}
