using ChatGpt.Chat;
using ChatGpt.Completions;

namespace ChatGpt.Streaming;

/// <summary>Turns streams into the final result, so streamed and non-streamed code end in the same type.</summary>
public static class ChatCompletionStreamExtensions
{
    /// <summary>Reads a chat stream to its end and joins it into one <see cref="ChatCompletion"/>.</summary>
    /// <param name="chunks">The stream, e.g. from <see cref="IChatGptClient.StreamChatCompletionAsync"/>.</param>
    /// <param name="onChunk">Called with each chunk as it arrives, e.g. to print <see cref="ChatCompletionChunk.ContentDelta"/>.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The completion.</returns>
    public static async Task<ChatCompletion> ToChatCompletionAsync(this IAsyncEnumerable<ChatCompletionChunk> chunks, Action<ChatCompletionChunk>? onChunk = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var accumulator = new ChatCompletionAccumulator();
        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            accumulator.Append(chunk);
            onChunk?.Invoke(chunk);
        }

        return accumulator.ToCompletion();
    }

    /// <summary>Reads a legacy completion stream to its end and joins the text of each choice.</summary>
    /// <param name="events">The stream, from <see cref="IChatGptClient.StreamCompletionAsync"/>.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The completion.</returns>
    public static async Task<Completion> ToCompletionAsync(this IAsyncEnumerable<Completion> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        Completion? first = null;
        CompletionUsage? usage = null;
        var choices = new SortedDictionary<int, (System.Text.StringBuilder Text, FinishReason? FinishReason)>();
        await foreach (var item in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            first ??= item;
            usage = item.Usage ?? usage;
            foreach (var choice in item.Choices)
            {
                choices.TryGetValue(choice.Index, out var entry);
                entry.Text ??= new System.Text.StringBuilder();
                entry.Text.Append(choice.Text);
                entry.FinishReason = choice.FinishReason ?? entry.FinishReason;
                choices[choice.Index] = entry;
            }
        }

        return new Completion
        {
            Id = first?.Id ?? string.Empty,
            Object = "text_completion",
            Created = first?.Created ?? default,
            Model = first?.Model ?? string.Empty,
            SystemFingerprint = first?.SystemFingerprint,
            Usage = usage,
            Choices = [.. choices.Select(static pair => new CompletionChoice { Index = pair.Key, Text = pair.Value.Text.ToString(), FinishReason = pair.Value.FinishReason })],
            ResponseInfo = first?.ResponseInfo?.WithoutRawBody(),
        };
    }
}
