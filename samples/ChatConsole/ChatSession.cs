using ChatGpt;
using ChatGpt.Chat;
using ChatGpt.Streaming;

namespace ChatConsole;

/// <summary>A conversation: the history sent with every request, streamed answers, usage after each answer.</summary>
internal sealed class ChatSession
{
    private readonly IChatGptClient _client;
    private readonly string _systemPrompt;
    private readonly List<ChatMessage> _history = [];

    public ChatSession(IChatGptClient client, string systemPrompt, string model)
    {
        _client = client;
        _systemPrompt = systemPrompt;
        Model = model;
        Reset();
    }

    public string Model { get; set; }

    public void Reset()
    {
        _history.Clear();
        _history.Add(ChatMessage.System(_systemPrompt));
    }

    /// <summary>Streams the answer to <paramref name="text"/> to <paramref name="output"/>, token by token.</summary>
    /// <returns>The usage, when the server reported it.</returns>
    public async Task<CompletionUsage?> AskAsync(string text, TextWriter output, CancellationToken cancellationToken)
    {
        _history.Add(ChatMessage.User(text));
        var request = new ChatCompletionRequest
        {
            Model = Model,
            Messages = [.. _history],
            StreamOptions = new ChatStreamOptions { IncludeUsage = true },
        };

        var accumulator = new ChatCompletionAccumulator();
        try
        {
            await foreach (var chunk in _client.StreamChatCompletionAsync(request, cancellationToken))
            {
                accumulator.Append(chunk);
                if (chunk.ContentDelta is { Length: > 0 } delta)
                {
                    await output.WriteAsync(delta);
                    await output.FlushAsync(cancellationToken);
                }
            }
        }
        catch
        {
            // A failed or cancelled answer leaves the history as it was before the question.
            _history.RemoveAt(_history.Count - 1);
            throw;
        }

        var completion = accumulator.ToCompletion();
        _history.Add(ChatMessage.Assistant(completion.Content ?? string.Empty));
        return completion.Usage;
    }
}
