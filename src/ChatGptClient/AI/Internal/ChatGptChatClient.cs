using System.Runtime.CompilerServices;
using ChatGpt.Chat;
using Microsoft.Extensions.AI;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace ChatGpt.AI.Internal;

/// <summary>The <see cref="IChatClient"/> adapter over <see cref="IChatGptClient"/>.</summary>
internal sealed class ChatGptChatClient : IChatClient
{
    private readonly IChatGptClient _client;
    private readonly Func<IChatGptClient> _resolve;
    private readonly string? _defaultModel;
    private readonly ChatClientMetadata _metadata;

    public ChatGptChatClient(IChatGptClient client, Func<IChatGptClient> resolve, string? defaultModel)
    {
        _client = client;
        _resolve = resolve;
        _defaultModel = string.IsNullOrWhiteSpace(defaultModel) ? null : defaultModel;

        // A custom IChatGptClient (a test double, a decorator) has no address to report; OpenAI's is assumed.
        var concrete = client as ChatGptClient;
        _metadata = new ChatClientMetadata(
            "openai",
            concrete?.BaseAddress ?? new Uri(ChatGptDefaults.BaseAddress),
            _defaultModel ?? concrete?.DefaultModel);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AIChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = ChatRequestMapper.ToRequest(this, messages, options, _defaultModel);
        var completion = await _resolve().CreateChatCompletionAsync(request, cancellationToken).ConfigureAwait(false);
        return ChatResponseMapper.ToResponse(completion, request.Audio?.Format);
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<AIChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);

        // Mapped now, so a bad message or option fails at the call rather than at the first MoveNextAsync.
        var request = ChatRequestMapper.ToRequest(this, messages, options, _defaultModel);
        if (request.StreamOptions is null)
        {
            // Usage is only sent in a stream when asked for; middleware (OpenTelemetry, budgets) needs it.
            request.StreamOptions = new ChatStreamOptions { IncludeUsage = true };
        }

        return StreamAsync(request, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : serviceType.IsInstanceOfType(_client) ? _client
            : null;
    }

    public void Dispose()
    {
        // The IChatGptClient belongs to its creator (usually the DI container); nothing here owns resources.
    }

    private async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(ChatCompletionRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chunks = _resolve().StreamChatCompletionAsync(request, cancellationToken);
        await foreach (var update in ChatResponseMapper.ToUpdatesAsync(chunks, request.Audio?.Format, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }
}
