using System.Text;
using ChatGpt.Benchmarks.Infrastructure;
using ChatGpt.Chat;
using ChatGpt.Completions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatGpt.Benchmarks.Contenders;

/// <summary>
/// Our client, either bare (<c>new ChatGptClient(new HttpClient(handler), options)</c>) or as users get it:
/// resolved from DI after <c>AddChatGpt()</c>, with the default resilience pipeline (retries, rate limiting, attempt
/// timeouts), logging and metrics, over the same primary handler. The DI client is resolved once, as a singleton
/// consumer would hold it.
/// </summary>
internal sealed class ChatGptContender : IContender
{
    public const string BareName = "ChatGptClient";
    public const string DiName = "ChatGptClient DI";

    private readonly IChatGptClient _client;
    private readonly IDisposable _owner;

    private ChatGptContender(string name, IChatGptClient client, IDisposable owner)
    {
        Name = name;
        _client = client;
        _owner = owner;
    }

    public string Name { get; }

    public static ChatGptContender CreateBare(HttpMessageHandler handler, Uri baseAddress, bool disposeHandler)
    {
        var http = new HttpClient(handler, disposeHandler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var client = new ChatGptClient(http, Options.Create(new ChatGptOptions { ApiKey = BenchmarkPrompt.ApiKey, BaseAddress = baseAddress }));
        return new ChatGptContender(BareName, client, http);
    }

    public static ChatGptContender CreateFromDependencyInjection(Func<HttpMessageHandler> handlerFactory, Uri baseAddress) =>
        CreateFromDependencyInjection(handlerFactory, baseAddress, DiName, configure: null);

    /// <summary>A DI client with some options changed (the overhead analysis variants of <see cref="ContenderSet"/>).</summary>
    public static ChatGptContender CreateFromDependencyInjection(Func<HttpMessageHandler> handlerFactory, Uri baseAddress, string name, Action<ChatGptOptions>? configure)
    {
        // What a host gives every app: logging and metrics (with no provider or listener attached here).
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddChatGpt(options =>
        {
            options.ApiKey = BenchmarkPrompt.ApiKey;
            options.BaseAddress = baseAddress;
            configure?.Invoke(options);
        }).ConfigurePrimaryHttpMessageHandler(handlerFactory);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new ChatGptContender(name, provider.GetRequiredService<IChatGptClient>(), provider);
    }

    public async Task<string> ChatAsync(CancellationToken cancellationToken)
    {
        var completion = await _client.CreateChatCompletionAsync(CreateRequest(stream: false), cancellationToken).ConfigureAwait(false);
        return completion.Content ?? throw new InvalidOperationException("No content.");
    }

    public async Task<string> StreamChatAsync(CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        CompletionUsage? usage = null;
        await foreach (var chunk in _client.StreamChatCompletionAsync(CreateRequest(stream: true), cancellationToken).ConfigureAwait(false))
        {
            usage ??= chunk.Usage;
            text.Append(chunk.ContentDelta);
        }

        return usage is null ? throw new InvalidOperationException("No usage.") : text.ToString();
    }

    public async Task<string> CompleteAsync(CancellationToken cancellationToken)
    {
        var request = new CompletionRequest
        {
            Model = BenchmarkPrompt.CompletionModel,
            Prompt = BenchmarkPrompt.CompletionPrompt,
            MaxTokens = BenchmarkPrompt.MaxTokens,
            Temperature = BenchmarkPrompt.Temperature,
            TopP = BenchmarkPrompt.TopP,
            Stop = [BenchmarkPrompt.Stop1, BenchmarkPrompt.Stop2],
            PresencePenalty = BenchmarkPrompt.PresencePenalty,
            FrequencyPenalty = BenchmarkPrompt.FrequencyPenalty,
        };
        var completion = await _client.CreateCompletionAsync(request, cancellationToken).ConfigureAwait(false);
        return completion.Text ?? throw new InvalidOperationException("No text.");
    }

    public void Dispose() => _owner.Dispose();

    private static ChatCompletionRequest CreateRequest(bool stream) => new()
    {
        Model = BenchmarkPrompt.Model,
        Messages =
        [
            ChatMessage.System(BenchmarkPrompt.System),
            ChatMessage.User(BenchmarkPrompt.User1),
            ChatMessage.Assistant(BenchmarkPrompt.Assistant1),
            ChatMessage.User(BenchmarkPrompt.User2),
        ],
        MaxTokens = BenchmarkPrompt.MaxTokens,
        Temperature = BenchmarkPrompt.Temperature,
        TopP = BenchmarkPrompt.TopP,
        Stop = [BenchmarkPrompt.Stop1, BenchmarkPrompt.Stop2],
        PresencePenalty = BenchmarkPrompt.PresencePenalty,
        FrequencyPenalty = BenchmarkPrompt.FrequencyPenalty,
        StreamOptions = stream ? new ChatStreamOptions { IncludeUsage = true } : null,
    };
}
