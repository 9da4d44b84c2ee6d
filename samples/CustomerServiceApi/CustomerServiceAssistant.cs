using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using ChatGpt;
using ChatGpt.Chat;
using Microsoft.Extensions.Options;

namespace CustomerServiceApi;

/// <summary>Turns customers' questions into chat requests: the company's system prompt, the conversation so far, the question.</summary>
public sealed class CustomerServiceAssistant
{
    private readonly IChatGptClient _client;
    private readonly CustomerServiceSettings _settings;

    public CustomerServiceAssistant(IChatGptClient client, IOptions<CustomerServiceSettings> settings)
    {
        _client = client;
        _settings = settings.Value;
    }

    public async Task<AskResponse> AskAsync(AskRequest request, CancellationToken cancellationToken)
    {
        var completion = await _client.CreateChatCompletionAsync(CreateRequest(request), cancellationToken);
        var usage = completion.Usage;
        return new AskResponse(completion.Content ?? string.Empty, completion.Model, usage?.PromptTokens ?? 0, usage?.CompletionTokens ?? 0, usage?.TotalTokens ?? 0);
    }

    /// <summary>The answer as server-sent events: <c>delta</c> events with text, then <c>done</c> with the usage, or
    /// <c>error</c> if the model call fails once the stream has started.</summary>
    public async IAsyncEnumerable<SseItem<string>> StreamAsync(AskRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chatRequest = CreateRequest(request);
        chatRequest.StreamOptions = new ChatStreamOptions { IncludeUsage = true };
        await using var chunks = _client.StreamChatCompletionAsync(chatRequest, cancellationToken).GetAsyncEnumerator(cancellationToken);
        CompletionUsage? usage = null;
        while (true)
        {
            string? error = null;
            try
            {
                if (!await chunks.MoveNextAsync())
                {
                    break;
                }
            }
            catch (ChatGptException ex)
            {
                error = ex.Message;
            }

            if (error is not null)
            {
                yield return new SseItem<string>(error, "error");
                yield break;
            }

            usage = chunks.Current.Usage ?? usage;
            if (chunks.Current.ContentDelta is { Length: > 0 } delta)
            {
                yield return new SseItem<string>(delta, "delta");
            }
        }

        yield return new SseItem<string>(usage?.ToString() ?? "no usage reported", "done");
    }

    private ChatCompletionRequest CreateRequest(AskRequest request)
    {
        var messages = new List<ChatMessage> { ChatMessage.System(_settings.SystemPrompt) };
        foreach (var turn in request.History ?? [])
        {
            messages.Add(turn.Role.Equals("assistant", StringComparison.OrdinalIgnoreCase) ? ChatMessage.Assistant(turn.Content) : ChatMessage.User(turn.Content));
        }

        messages.Add(ChatMessage.User(request.Question!));
        return new ChatCompletionRequest { Messages = messages, MaxCompletionTokens = _settings.MaxTokens };
    }
}
