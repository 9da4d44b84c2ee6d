namespace ChatGpt.Benchmarks.Infrastructure;

/// <summary>
/// The one request every contender sends: a model, four messages, max_tokens, temperature, top_p, two stop strings
/// and both penalties. Each contender builds its own request object from these values on every call, as user code does.
/// </summary>
internal static class BenchmarkPrompt
{
    public const string Model = "gpt-4o-mini";
    public const string CompletionModel = "gpt-3.5-turbo-instruct";
    public const string ApiKey = "sk-benchmark-0000000000000000000000000000000000000000";
    public const int MaxTokens = 1024;
    public const float Temperature = 0.7f;
    public const float TopP = 0.95f;
    public const float PresencePenalty = 0.1f;
    public const float FrequencyPenalty = 0.2f;

    public const string System = "You are a concise assistant. Answer in one or two sentences unless asked for more.";
    public const string User1 = "I am planning a trip to Europe next spring and want to see a few capitals.";
    public const string Assistant1 = "That sounds lovely! Spring is a great time to visit. Which countries are you considering?";
    public const string User2 = "France first. What is its capital, and how long has it been the capital?";

    public const string CompletionPrompt = "Say this is a test of the legacy completions endpoint.";

    public static readonly string Stop1 = "\n\nUser:";
    public static readonly string Stop2 = "<|end|>";
}
