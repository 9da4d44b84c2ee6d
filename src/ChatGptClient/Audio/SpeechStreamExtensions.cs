namespace ChatGpt.Audio;

/// <summary>Helpers over streamed speech events.</summary>
public static class SpeechStreamExtensions
{
    /// <summary>Writes the audio of <c>speech.audio.delta</c> events to a file as they arrive (created or overwritten).</summary>
    /// <param name="events">The events of <see cref="IChatGptAudioClient.StreamSpeechAsync"/>.</param>
    /// <param name="path">The file's path.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The usage reported by the <c>speech.audio.done</c> event, if any.</returns>
    /// <exception cref="ChatGptException">The stream failed or was cut before its done event.</exception>
    public static async Task<SpeechUsage?> WriteToFileAsync(this IAsyncEnumerable<SpeechStreamEvent> events, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        SpeechUsage? usage = null;
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            await foreach (var item in events.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (!item.Audio.IsEmpty)
                {
                    await file.WriteAsync(item.Audio, cancellationToken).ConfigureAwait(false);
                }

                usage = item.Usage ?? usage;
            }
        }

        return usage;
    }
}
