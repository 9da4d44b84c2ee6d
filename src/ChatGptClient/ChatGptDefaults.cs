namespace ChatGpt;

/// <summary>The defaults of <see cref="ChatGptOptions"/>, in one place so tests can pin them.</summary>
internal static class ChatGptDefaults
{
    public const string BaseAddress = "https://api.openai.com/v1/";
    public const string ChatModel = "gpt-4o-mini";
    public const string CompletionModel = "gpt-3.5-turbo-instruct";
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);
}
